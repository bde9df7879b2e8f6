import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

import { asLocale, DEFAULT_LOCALE, LOCALES, type Locale } from "../domain/locale.js";

export { asLocale, DEFAULT_LOCALE, LOCALES, type Locale };

export interface I18n {
  t(locale: string, key: string, vars?: Record<string, FluentVariable>): string;
  has(locale: string, key: string): boolean;
  locales: readonly Locale[];
}

export interface I18nOptions {
  /**
   * Called when a key is missing in the locale asked for. Production leaves it unset (or logs): the
   * text falls back to zh-CN, then to the bare key, so a gap is visible but nothing breaks. Tests throw
   * here, so any test that renders a missing key fails instead of asserting on a key.
   */
  onMissing?: (locale: Locale, key: string) => void;
}

/**
 * Fluent bundles from already-loaded .ftl sources (Node reads them from locales/, the Worker bundles
 * them as text), so this stays free of file-system access. A key missing in en falls back to zh-CN.
 */
export function createI18n(sources: Record<Locale, string[]>, options: I18nOptions = {}): I18n {
  const bundles = new Map<Locale, FluentBundle>();
  for (const locale of LOCALES) {
    const bundle = new FluentBundle(locale, { useIsolating: false });
    for (const src of sources[locale] ?? []) {
      const errors = bundle.addResource(new FluentResource(src));
      if (errors.length) throw new Error(`locales/${locale}: ${errors.map((e) => e.message).join("; ")}`);
    }
    bundles.set(locale, bundle);
  }
  const format = (bundle: FluentBundle, key: string, vars?: Record<string, FluentVariable>) => {
    const msg = bundle.getMessage(key);
    if (!msg?.value) return undefined;
    return bundle.formatPattern(msg.value, vars);
  };
  return {
    locales: LOCALES,
    t(locale, key, vars) {
      const loc = asLocale(locale);
      if (!bundles.get(loc)!.getMessage(key)?.value) options.onMissing?.(loc, key);
      return format(bundles.get(loc)!, key, vars) ?? format(bundles.get(DEFAULT_LOCALE)!, key, vars) ?? key;
    },
    has(locale, key) {
      return Boolean(bundles.get(asLocale(locale))!.getMessage(key)?.value);
    },
  };
}
