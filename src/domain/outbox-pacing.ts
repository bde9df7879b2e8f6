/**
 * Which queued messages may go now without breaking Telegram's limits: about 30 messages per second
 * per bot, one per second per chat, twenty per minute per group. The history comes from the database
 * (every replica's sends), so the limits hold for the whole deployment, not per process.
 */
export interface PacingLimits {
  globalPerSecond: number;
  perChatIntervalMs: number;
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: PacingLimits = { globalPerSecond: 30, perChatIntervalMs: 1_000, groupPerMinute: 20 };

export interface RecentSend {
  recipientKey: string;
  channel: "telegram" | "sms";
  /** When the send started (ms since epoch); in-flight sends count as happening now. */
  at: number;
  inFlight: boolean;
}

export interface PacingCandidate {
  id: number;
  recipientKey: string;
  channel: "telegram" | "sms";
  /** Telegram groups and channels have negative chat ids. */
  isGroup: boolean;
}

export interface PacingDecision<C> {
  chosen: C[];
  /** Candidates held back by a limit: the caller should try again shortly. */
  held: number;
}

export function choosePaced<C extends PacingCandidate>(
  candidates: C[],
  recent: RecentSend[],
  now: number,
  limits: PacingLimits = TELEGRAM_LIMITS,
): PacingDecision<C> {
  const lastAt = new Map<string, number>();
  const inFlight = new Set<string>();
  const lastMinute = new Map<string, number>();
  let telegramLastSecond = 0;
  for (const r of recent) {
    if (r.inFlight) inFlight.add(r.recipientKey);
    lastAt.set(r.recipientKey, Math.max(lastAt.get(r.recipientKey) ?? 0, r.at));
    if (r.inFlight || r.at > now - 60_000) lastMinute.set(r.recipientKey, (lastMinute.get(r.recipientKey) ?? 0) + 1);
    if (r.channel === "telegram" && (r.inFlight || r.at > now - 1_000)) telegramLastSecond++;
  }
  let budget = limits.globalPerSecond - telegramLastSecond;
  const chosen: C[] = [];
  const taken = new Set<string>();
  let held = 0;
  for (const c of candidates) {
    const free = !taken.has(c.recipientKey) && !inFlight.has(c.recipientKey) && (lastAt.get(c.recipientKey) ?? 0) <= now - limits.perChatIntervalMs;
    const groupOk = !(c.channel === "telegram" && c.isGroup) || (lastMinute.get(c.recipientKey) ?? 0) < limits.groupPerMinute;
    const budgetOk = c.channel !== "telegram" || budget > 0;
    if (!free || !groupOk || !budgetOk) {
      held++;
      continue;
    }
    chosen.push(c);
    taken.add(c.recipientKey);
    if (c.channel === "telegram") budget--;
  }
  return { chosen, held };
}
