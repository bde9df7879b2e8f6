import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

import { asLocale, DEFAULT_LOCALE, LOCALES, type Locale } from "../domain/locale.js";

export { asLocale, DEFAULT_LOCALE, LOCALES, type Locale };

export interface I18n {
  t(locale: string, key: string, vars?: Record<string, FluentVariable>): string;
  has(locale: string, key: string): boolean;
  locales: readonly Locale[];
}

/**
 * Fluent bundles from already-loaded .ftl sources (Node reads them from locales/, the Worker bundles
 * them as text), so this stays free of file-system access. A key missing in en falls back to zh-CN.
 */
export function createI18n(sources: Record<Locale, string[]>): I18n {
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
      return format(bundles.get(loc)!, key, vars) ?? format(bundles.get(DEFAULT_LOCALE)!, key, vars) ?? key;
    },
    has(locale, key) {
      return Boolean(bundles.get(asLocale(locale))!.getMessage(key)?.value);
    },
  };
}
