/**
 * What Telegram does with a webhook's answer: a 200 whose JSON body names a `method` is performed as that
 * Bot API call (a "webhook reply"). Tests that stand in for Telegram posting to the real process pass
 * each answer through this, so the bot's replies reach the emulator exactly as they would reach a chat.
 * Returns the method performed, if any.
 */
export async function performWebhookReply(res: Response, apiRoot: string, token: string): Promise<string | undefined> {
  if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes("application/json")) return undefined;
  const { method, ...payload } = (await res.json()) as { method?: string } & Record<string, unknown>;
  if (!method) return undefined;
  const done = await fetch(`${apiRoot.replace(/\/$/, "")}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  if (!done.ok) throw new Error(`the Bot API refused the webhook reply ${method}: ${done.status} ${await done.text()}`);
  return method;
}
