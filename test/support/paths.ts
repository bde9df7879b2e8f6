import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const MIGRATIONS_DIR = join(ROOT_DIR, "migrations");
export const SHARED_DIR = join(ROOT_DIR, "..", "shared");
export const PG_TEMPLATES = { migrated: "jubao_tpl_migrated", seeded: "jubao_tpl_seeded" } as const;
