import { z } from "zod";
import type { Deps } from "../app/deps.js";
import type { SubmitTipInput } from "../app/tips/submit-tip.js";
import { cleanText, MAX_ATTACHMENTS_PER_TIP, MAX_TIP_TEXT, MIN_TIP_TEXT } from "../domain/tip-input.js";
import { SECTOR_CODES } from "../domain/sectors.js";

/**
 * Parsing shared by the web form and the API: one set of field rules and one set of error codes, so
 * both channels refuse the same input for the same reason. Routes turn codes into text (web: .ftl) or
 * JSON; nothing here knows about Hono.
 */
export type FieldError = {
  path: string;
  code: "required" | "too_short" | "too_long" | "invalid" | "too_many" | "too_large" | "unsupported_type" | "unreadable";
  file?: string;
};

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/i;

const text = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max));

/** One schema for both channels; the web form's strings and the API's JSON meet here. */
export const tipFields = z.object({
  text: z.string().transform(cleanText).pipe(z.string().min(MIN_TIP_TEXT).max(MAX_TIP_TEXT)),
  sector: z.union([z.enum(SECTOR_CODES), z.literal("")]).optional(),
  jurisdictionCode: z.union([z.string().regex(/^\d{6}(\d{3})?$/), z.literal("")]).optional(),
  place: text(200).optional(),
  enterprise: text(200).optional(),
  creditCode: text(40).optional(),
  urgent: z.boolean().default(false),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  contact: text(100).optional(),
  consent: z.boolean().default(false),
  /** "I work for the enterprise I report" (optional): an employee is rewarded only under their real name. */
  employee: z.boolean().optional(),
  /** The reporter agrees that the tracking code may be published (Open311 service_request_id). */
  publish: z.boolean().default(false),
  locale: z.enum(["zh-CN", "en"]).optional(),
});
export type TipFields = z.output<typeof tipFields>;

/** One error per field (the first), so a page shows one clear message beside each box. */
export function fieldErrors(error: z.ZodError, raw?: unknown): FieldError[] {
  const seen = new Set<string>();
  return error.issues
    .filter((i) => !seen.has(i.path.join(".")) && seen.add(i.path.join(".")))
    .map((i) => {
      const path = i.path.join(".") || "body";
      // zod 4 does not report the input on issues: look the value up, so an absent field reads "required".
      const value = i.path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
      const empty = value === undefined || value === null || (typeof value === "string" && cleanText(value) === "");
      const code: FieldError["code"] =
        empty && (i.code === "too_small" || i.code === "invalid_type")
          ? "required"
          : i.code === "too_small"
            ? "too_short"
            : i.code === "too_big"
              ? "too_long"
              : "invalid";
      return { path, code };
    });
}

/** "Name or credit code" is one box on the form: an 18-character credit code goes to the credit-code field. */
export function splitEnterprise(value: string | undefined): { enterprise?: string; creditCode?: string } {
  if (!value) return {};
  const compact = value.replace(/\s/g, "");
  return CREDIT_CODE.test(compact) ? { creditCode: compact.toUpperCase() } : { enterprise: value };
}

export function toSubmitInput(f: TipFields, channel: "web" | "api", locale: "zh-CN" | "en", attachments: SubmitTipInput["attachments"]): SubmitTipInput {
  const enterprise = f.creditCode ? { enterprise: f.enterprise || undefined, creditCode: f.creditCode } : splitEnterprise(f.enterprise);
  return {
    channel,
    locale: f.locale ?? locale,
    text: f.text,
    sector: f.sector ? f.sector : undefined,
    jurisdictionCode: f.jurisdictionCode || undefined,
    place: f.place || undefined,
    ...enterprise,
    urgent: f.urgent,
    location: f.location,
    // Consent without a contact means nothing: there is no identity to show.
    reporter: {
      ...(f.contact ? { contact: f.contact, consent: f.consent } : { consent: false }),
      ...(f.employee === undefined ? {} : { employee: f.employee }),
    },
    attachments,
    publish: f.publish,
  };
}

/** Uploaded files → sanitised attachments, or one error per refused file (nothing is stored then). */
export async function sanitizeUploads(
  deps: Pick<Deps, "media">,
  files: File[],
): Promise<{ attachments: NonNullable<SubmitTipInput["attachments"]>; errors: FieldError[] }> {
  const real = files.filter((f) => f.size > 0 || f.name);
  if (real.length > MAX_ATTACHMENTS_PER_TIP) return { attachments: [], errors: [{ path: "attachments", code: "too_many" }] };
  const attachments: NonNullable<SubmitTipInput["attachments"]> = [];
  const errors: FieldError[] = [];
  for (const file of real) {
    const result = await deps.media.sanitize({ body: new Uint8Array(await file.arrayBuffer()), mimeType: file.type, fileName: file.name });
    const name = cleanText(file.name ?? "").slice(0, 200) || undefined;
    if (result.ok) attachments.push({ fileName: name, mimeType: result.mimeType, body: result.body as Uint8Array<ArrayBuffer> });
    else errors.push({ path: "attachments", code: result.reason, file: name });
  }
  return { attachments, errors };
}

export function filesOf(value: unknown): File[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is File => typeof v === "object" && v !== null && typeof (v as File).arrayBuffer === "function");
}
