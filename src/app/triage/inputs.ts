import { z } from "zod";
import type { StaffActor } from "../staff/actor.js";

/** Every triage verb takes the signed-in actor (from the session, never from the form) and a tip id. */
export const actorField = z.custom<StaffActor>((v) => typeof v === "object" && v !== null && "role" in v && "id" in v);
export const tipIdField = z.coerce.number().int().positive().max(2_147_483_647);
export const reasonField = z.string().trim().min(2).max(2_000);
export const tipActionInput = z.object({ actor: actorField, tipId: tipIdField });
