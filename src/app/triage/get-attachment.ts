import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { tipAttachments, tips } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { actorField, tipIdField } from "./inputs.js";
import { visibleTips } from "./scope.js";
import { parseInput } from "./tip-action.js";

export const getAttachmentInput = z.object({ actor: actorField, tipId: tipIdField, attachmentId: tipIdField });

/** An attachment body, only if its tip is visible to the actor and the ids belong together (else 404). */
export async function getAttachment(deps: Deps, raw: z.input<typeof getAttachmentInput>) {
  const input = parseInput(getAttachmentInput, raw);
  const scope = await visibleTips(deps.db, input.actor);
  const [row] = await deps.db
    .select({ a: tipAttachments })
    .from(tipAttachments)
    .innerJoin(tips, eq(tips.id, tipAttachments.tipId))
    .where(and(eq(tipAttachments.id, input.attachmentId), eq(tipAttachments.tipId, input.tipId), scope));
  if (!row) throw new AppError("not_found", "attachment not found");
  return row.a;
}
