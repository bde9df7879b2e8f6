import type { I18n } from "../../adapters/i18n.js";
import { localName } from "../../domain/tip-input.js";
import type { AlertedUnit } from "./submit-tip.js";

/**
 * What the receipt of an urgent tip says about alerts: the units and committees whose liaisons were
 * actually sent a message, or — nobody being reachable — that staff will see it in their queue. Never a
 * claim that someone was told when no message left. Null for a tip that is not urgent.
 */
export function urgentNotice(
  i18n: Pick<I18n, "t">,
  locale: string,
  tip: { urgent: boolean; alerted?: readonly Pick<AlertedUnit, "name" | "nameEn">[] },
): string | null {
  if (!tip.urgent) return null;
  const names = (tip.alerted ?? []).map((u) => localName(u, locale));
  if (names.length === 0) return i18n.t(locale, "tip-urgent-staff");
  return i18n.t(locale, "tip-urgent-alerted", { alerted: names.join(locale === "en" ? ", " : "、") });
}
