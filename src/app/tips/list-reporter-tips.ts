import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { tips, units, type Tip } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";

export const listReporterTipsInput = z.object({
  channel: z.enum(["telegram", "sms"]),
  /** The chat id or phone number the tips came from: only its keyed hash is compared, never stored. */
  address: z.string().min(1).max(64),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListReporterTipsInput = z.input<typeof listReporterTipsInput>;

export interface ReporterTip {
  trackingCode: string;
  status: Tip["status"];
  receivedAt: Date;
  unit: { name: string; nameEn: string | null };
}

/**
 * A reporter's own tips, found through the keyed hash submitTip stores for the channel address
 * (`reporter:<channel>`). Only what the receipt would show: code, status, date, handling unit. Never the
 * secret, the text or anything about other reporters.
 */
export async function listReporterTips(deps: Pick<Deps, "db" | "crypto">, raw: ListReporterTipsInput): Promise<ReporterTip[]> {
  const parsed = listReporterTipsInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid reporter address");
  const { channel, address, limit } = parsed.data;
  const rows = await deps.db
    .select({
      trackingCode: tips.trackingCode,
      status: tips.status,
      receivedAt: tips.receivedAt,
      unitName: units.name,
      unitNameEn: units.nameEn,
    })
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .where(eq(tips.reporterChannelHash, deps.crypto.hash(`reporter:${channel}`, address)))
    .orderBy(desc(tips.receivedAt), desc(tips.id))
    .limit(limit);
  return rows.map((r) => ({ trackingCode: r.trackingCode, status: r.status, receivedAt: r.receivedAt, unit: { name: r.unitName, nameEn: r.unitNameEn } }));
}
