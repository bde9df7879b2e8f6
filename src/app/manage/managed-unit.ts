import type { DbOrTx } from "../../db/client.js";
import type { Unit } from "../../db/schema.js";
import { AppError } from "../deps.js";
import { findUnit } from "../liaisons/unit-ref.js";
import type { StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "./manage-scope.js";

/** A unit the manager may change (committee staff: inside their subtree), by id or key; else not found. */
export async function managedUnit(db: DbOrTx, actor: StaffActor, ref: string | number): Promise<Unit> {
  requireManager(actor);
  const text = String(ref).trim();
  if (!/^\d{1,9}$/.test(text) && !/^\d{6,9}:[a-z0-9_-]{1,40}$/.test(text)) throw new AppError("not_found", "no such unit");
  const unit = await findUnit(db, text);
  if (!inPrefix(unit.jurisdictionCode, await jurisdictionPrefix(db, actor))) throw new AppError("not_found", "no such unit");
  return unit;
}
