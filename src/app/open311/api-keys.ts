import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { open311Keys } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";

/** Keys are global (a client may report anywhere), so only admins issue and revoke them. */
function requireAdmin(actor: StaffActor): void {
  if (actor.role !== "admin") throw new AppError("forbidden", "admin role required");
}

export const issueKeyInput = z.object({
  label: z.string().trim().min(2).max(100),
  perHour: z.coerce.number().int().min(1).max(10_000).default(60),
});

export interface Open311KeyRow {
  id: number;
  label: string;
  prefix: string;
  perHour: number;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastUsedAt: Date | null;
}

/** A new api_key: returned once, only its keyed hash stored; audited (label and limit, never the key). */
export async function issueOpen311Key(deps: Deps, actor: StaffActor, raw: z.input<typeof issueKeyInput>): Promise<{ id: number; key: string }> {
  requireAdmin(actor);
  const parsed = issueKeyInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a label (2–100 characters) and a limit per hour (1–10000) are required");
  const key = `o311_${deps.crypto.randomToken(24)}`;
  const now = deps.clock();
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(open311Keys)
      .values({
        label: parsed.data.label,
        keyHash: deps.crypto.hash("open311-key", key),
        prefix: key.slice(0, 9),
        perHour: parsed.data.perHour,
        createdBy: actorLabel(actor),
        createdAt: now,
      })
      .returning({ id: open311Keys.id });
    await appendAudit(
      tx,
      {
        actor: actorLabel(actor),
        action: "open311_key.issued",
        entity: "open311_key",
        entityId: row!.id,
        after: { label: parsed.data.label, perHour: parsed.data.perHour, prefix: key.slice(0, 9) },
      },
      now,
    );
    return row!.id;
  });
  return { id, key };
}

export const revokeKeyInput = z.object({
  keyId: z.coerce.number().int().positive().max(2_147_483_647),
  reason: z.string().trim().min(2).max(500),
});

export async function revokeOpen311Key(deps: Deps, actor: StaffActor, raw: z.input<typeof revokeKeyInput>): Promise<void> {
  requireAdmin(actor);
  const parsed = revokeKeyInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a key and a reason are required");
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(open311Keys).where(eq(open311Keys.id, parsed.data.keyId)).for("update");
    if (!row) throw new AppError("not_found", "no such key");
    if (row.revokedAt) throw new AppError("conflict", "the key is already revoked");
    await tx
      .update(open311Keys)
      .set({ revokedAt: now, revokedBy: actorLabel(actor) })
      .where(eq(open311Keys.id, row.id));
    await appendAudit(
      tx,
      {
        actor: actorLabel(actor),
        action: "open311_key.revoked",
        entity: "open311_key",
        entityId: row.id,
        before: { label: row.label, prefix: row.prefix },
        after: { revokedAt: now.toISOString() },
        reason: parsed.data.reason,
      },
      now,
    );
  });
}

export async function listOpen311Keys(deps: Deps, actor: StaffActor): Promise<Open311KeyRow[]> {
  requireAdmin(actor);
  return deps.db
    .select({
      id: open311Keys.id,
      label: open311Keys.label,
      prefix: open311Keys.prefix,
      perHour: open311Keys.perHour,
      createdBy: open311Keys.createdBy,
      createdAt: open311Keys.createdAt,
      revokedAt: open311Keys.revokedAt,
      revokedBy: open311Keys.revokedBy,
      lastUsedAt: open311Keys.lastUsedAt,
    })
    .from(open311Keys)
    .orderBy(desc(open311Keys.id));
}

/** The live key this api_key names (not revoked), or null; marks it used. */
export async function checkOpen311Key(deps: Pick<Deps, "db" | "crypto" | "clock">, key: string): Promise<{ id: number; perHour: number } | null> {
  if (!/^o311_[A-Za-z0-9_-]{8,64}$/.test(key)) return null;
  const [row] = await deps.db
    .select({ id: open311Keys.id, perHour: open311Keys.perHour, revokedAt: open311Keys.revokedAt })
    .from(open311Keys)
    .where(eq(open311Keys.keyHash, deps.crypto.hash("open311-key", key)));
  if (!row || row.revokedAt) return null;
  await deps.db.update(open311Keys).set({ lastUsedAt: deps.clock() }).where(eq(open311Keys.id, row.id));
  return { id: row.id, perHour: row.perHour };
}

/** Per key, per hour, in this process's memory (like the intake limit): one client cannot bury the queue. */
export function createKeyLimiter(clock: () => Date) {
  const windows = new Map<number, { start: number; used: number }>();
  return {
    admit(keyId: number, perHour: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const now = clock().getTime();
      let w = windows.get(keyId);
      if (!w || now - w.start >= 3_600_000) windows.set(keyId, (w = { start: now, used: 0 }));
      if (w.used >= perHour) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + 3_600_000 - now) / 1000)) };
      w.used++;
      return { ok: true };
    },
  };
}
