import { and, eq, sql } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Figures, MetricCode, PlausibilityWarning } from "../../domain/figures.js";
import { chatKey } from "../chat/chat-locale.js";
import { AppError, type Deps } from "../deps.js";

export type FiguresStep =
  | { kind: "metric"; index: number }
  /** `index`: the one metric just answered (edit re-asks it); null after a whole-form message. */
  | { kind: "warn"; index: number | null; warnings: PlausibilityWarning[] }
  | { kind: "choose_line" }
  | { kind: "review" }
  | { kind: "reason" };

export interface FiguresState {
  liaisonId: number;
  obligationId: number;
  campaignId: number;
  unitId: number;
  unitName: string;
  period: string;
  /** "correct": the month is already filed; submitting makes a new version and needs a reason. */
  mode: "new" | "correct";
  values: Partial<Figures>;
  /** Read once at the start: the conversation shows them on every question. */
  lastMonth: Figures | null;
  medians: Partial<Record<MetricCode, number>>;
  step: FiguresStep;
}

export interface StoredConversation {
  state: FiguresState;
  version: number;
}

const FLOW = "figures";
/** One figures conversation per chat, beside (not instead of) a chat's tip conversation. */
const keyFor = (deps: Pick<Deps, "crypto">, chatId: number | string) => `${FLOW}:${chatKey(deps, chatId)}`;

export async function loadFiguresConversation(deps: Pick<Deps, "db" | "crypto">, chatId: number | string): Promise<StoredConversation | null> {
  const [row] = await deps.db.select({ state: conversations.state, version: conversations.version }).from(conversations)
    .where(and(eq(conversations.key, keyFor(deps, chatId)), eq(conversations.flow, FLOW)));
  return row ? { state: row.state as FiguresState, version: row.version } : null;
}

/** A fresh start replaces whatever figures conversation the chat had. */
export async function startFiguresConversation(deps: Pick<Deps, "db" | "crypto">, chatId: number | string, state: FiguresState): Promise<void> {
  await deps.db.insert(conversations).values({ key: keyFor(deps, chatId), flow: FLOW, state })
    .onConflictDoUpdate({ target: conversations.key, set: { flow: FLOW, state, version: sql`${conversations.version} + 1`, updatedAt: sql`now()` } });
}

/**
 * Compare-and-set on the version: two replicas (or a redelivered update racing the first) handling
 * one chat cannot both advance the same step; the loser is told to look again.
 */
export async function saveFiguresConversation(deps: Pick<Deps, "db" | "crypto">, chatId: number | string, state: FiguresState, version: number): Promise<void> {
  const updated = await deps.db.update(conversations).set({ state, version: version + 1, updatedAt: sql`now()` })
    .where(and(eq(conversations.key, keyFor(deps, chatId)), eq(conversations.version, version)))
    .returning({ key: conversations.key });
  if (updated.length === 0) throw new AppError("conflict", "figures conversation changed concurrently");
}

export async function clearFiguresConversation(deps: Pick<Deps, "db" | "crypto">, chatId: number | string): Promise<void> {
  await deps.db.delete(conversations).where(eq(conversations.key, keyFor(deps, chatId)));
}
