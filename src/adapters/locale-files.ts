import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LOCALES, type Locale } from "./i18n.js";

/** Node only: read every .ftl under locales/<locale>/. The Worker imports the same files as text. */
export function readLocaleFiles(dir: string): Record<Locale, string[]> {
  const out = {} as Record<Locale, string[]>;
  for (const locale of LOCALES) {
    const folder = join(dir, locale);
    out[locale] = readdirSync(folder)
      .filter((f) => f.endsWith(".ftl"))
      .sort()
      .map((f) => readFileSync(join(folder, f), "utf8"));
  }
  return out;
}
