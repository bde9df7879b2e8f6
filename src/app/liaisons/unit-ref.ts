import { eq } from "drizzle-orm";
import { units, type Unit } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { AppError } from "../deps.js";

/** Staff name a unit by its id ("17") or its stable key ("450102:fire", "430422103:township"). */
export async function findUnit(db: DbOrTx, ref: string | number): Promise<Unit> {
  const text = String(ref).trim();
  const where = /^\d+$/.test(text) ? eq(units.id, Number(text)) : eq(units.key, text);
  if (/^\d+$/.test(text) && Number(text) > 2_147_483_647) throw new AppError("not_found", `no unit ${text}`);
  const [unit] = await db.select().from(units).where(where);
  if (!unit) throw new AppError("not_found", `no unit ${text} (give a unit id or a key such as 450102:fire)`);
  return unit;
}
