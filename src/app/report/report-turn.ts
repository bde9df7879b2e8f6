import { z } from "zod";
import { AppError, type Deps } from "../deps.js";
import { runTurn } from "../conversations/engine.js";
import { LOCALES } from "../../domain/locale.js";
import { STEPS } from "./report-state.js";
import { reportConversation, reportKey } from "./report-conversation.js";
import type { DownloadFile } from "../tips/chat-attachment.js";
import type { ReportReply } from "./report-view.js";

const fileRef = z.object({
  fileId: z.string().min(1).max(256),
  kind: z.enum(["photo", "document"]),
  mimeType: z.string().max(100),
  fileName: z.string().max(200).optional(),
  size: z.number().int().nonnegative().optional(),
});

/** One update of the report conversation, as the transport mapped it; button actions come from callback data. */
export const reportTurnInput = z.object({
  chatId: z.number().int(),
  locale: z.enum(LOCALES),
  input: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("text"), text: z.string().max(100_000), closesLocation: z.boolean().optional() }),
    z.object({ kind: z.literal("button"), step: z.enum(STEPS), action: z.string().max(32), arg: z.string().max(32).optional() }),
    z.object({ kind: z.literal("location"), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
    z.object({ kind: z.literal("file"), file: fileRef }),
    z.object({ kind: z.literal("back") }),
    z.object({ kind: z.literal("other") }),
  ]),
});
export type ReportTurnInput = z.input<typeof reportTurnInput>;

/** One answer in the report conversation: the engine loads it, applies the step and saves or submits. */
export async function reportTurn(deps: Deps, raw: ReportTurnInput, download: DownloadFile): Promise<ReportReply> {
  const parsed = reportTurnInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid report input",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  const { chatId, locale, input } = parsed.data;
  const turn = await runTurn(deps, reportConversation, reportKey(deps, chatId), { chatId, locale, input, download });
  if (turn.kind === "none") return { kind: "none" };
  if (turn.kind === "conflict") return { kind: "busy" };
  return turn.out;
}
