export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/** Any language tag (Telegram's "zh-hans", a browser's "en-GB", a stored value) to one we speak. */
export function asLocale(value: string | null | undefined): Locale {
  if (!value) return DEFAULT_LOCALE;
  if ((LOCALES as readonly string[]).includes(value)) return value as Locale;
  return value.toLowerCase().startsWith("en") ? "en" : DEFAULT_LOCALE;
}
