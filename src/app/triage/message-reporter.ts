import { z } from "zod";
import type { Deps } from "../deps.js";
import { tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const messageReporterInput = tipActionInput.extend({ text: z.string().trim().min(2).max(1_500) });

/**
 * A staff question or note to the reporter: a public event (readable with the receipt on any channel)
 * and, when the reporter wrote from Telegram or SMS, a message through the outbox. Staff never learn
 * the address.
 */
export async function messageReporter(deps: Deps, raw: z.input<typeof messageReporterInput>) {
  const input = parseInput(messageReporterInput, raw);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "staff_message",
    from: [
      "received",
      "accepted",
      "not_accepted",
      "investigating",
      "substantiated",
      "partly_substantiated",
      "unsubstantiated",
      "closed",
      "objected",
      "under_review",
    ],
    public: true,
    data: { text: input.text },
    after: async (tx, tip, now) => ({
      delivery: await notifyReporter(tx, deps, tip, "admin-reporter-message", { text: input.text }, `tip:${tip.id}:message:${now.getTime()}`),
    }),
  });
}
