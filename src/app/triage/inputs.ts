import { z } from "zod";
import type { StaffActor } from "../staff/actor.js";

/** Every triage verb takes the signed-in actor (from the session, never from the form) and a tip id. */
export const actorField = z.custom<StaffActor>((v) => typeof v === "object" && v !== null && "role" in v && "id" in v);
export const tipIdField = z.coerce.number().int().positive().max(2_147_483_647);
export const reasonField = z.string().trim().min(2).max(2_000);
export const tipActionInput = z.object({ actor: actorField, tipId: tipIdField });
/** Staff-only words on an action (备注): kept for staff, never shown to the reporter. */
export const noteField = z.string().trim().max(2_000).optional();
/** Optional words for the reporter on an action: shown with their receipt and sent on their channel. */
export const messageField = z.string().trim().max(1_500).optional();
