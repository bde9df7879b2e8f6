import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const MIGRATIONS_DIR = join(ROOT_DIR, "migrations");
export const SHARED_DIR = join(ROOT_DIR, "..", "shared");
/** Template database names carry a per-run suffix, so test runs started side by side never drop each other's. */
export function pgTemplates(run: string): { migrated: string; seeded: string } {
  return { migrated: `jubao_tpl_${run}_m`, seeded: `jubao_tpl_${run}_s` };
}
