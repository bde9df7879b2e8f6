import type { QueueExportLabels } from "../../../app/triage/export-queue.js";
import { SECTORS } from "../../../domain/sectors.js";
import type { Translate } from "../../routes/admin/context.js";

/** The queue export's headings and value names in the signed-in person's language (the same words as the queue page). */
export function queueExportLabels(t: Translate, locale: string): QueueExportLabels {
  const en = locale === "en";
  const named = (prefix: string) => (code: string) => {
    const text = t(`${prefix}${code}`);
    return text === `${prefix}${code}` ? code : text;
  };
  return {
    headers: [
      t("admin-col-code"),
      t("admin-col-received"),
      t("admin-col-status"),
      t("admin-col-sector"),
      t("admin-urgent"),
      t("admin-overdue"),
      t("admin-filter-channel"),
      t("admin-col-unit"),
      t("admin-col-place"),
      t("admin-col-text"),
    ],
    status: named("admin-status-"),
    channel: named("admin-channel-"),
    sector: (code) => SECTORS.find((s) => s.code === code)?.[en ? "en" : "zh"] ?? code,
    unit: (r) => (en ? (r.unitNameEn ?? r.unitName) : r.unitName),
    yes: t("admin-export-yes"),
    no: t("admin-export-no"),
    sheetName: t("admin-queue-title"),
  };
}
