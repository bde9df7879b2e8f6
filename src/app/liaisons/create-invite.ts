import { z } from "zod";
import { liaisonInvites } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { findUnit } from "./unit-ref.js";

/** Deep-link payloads are 1–64 characters of A-Za-z0-9_-; "li_" tells /start which feature owns it. */
export const INVITE_PREFIX = "li_";
export const INVITE_PAYLOAD = /^li_[A-Za-z0-9_-]{20,61}$/;
export const INVITE_HASH_PURPOSE = "liaison-invite";
export const DEFAULT_INVITE_DAYS = 7;

export const createInviteInput = z.object({
  unit: z.union([z.string().trim().min(1).max(64), z.number().int().positive()]),
  actor: z.string().trim().min(1).max(100),
  validDays: z
    .number()
    .min(1 / 24)
    .max(90)
    .default(DEFAULT_INVITE_DAYS),
});
export type CreateInviteInput = z.input<typeof createInviteInput>;

export interface CreatedInvite {
  /** Shown once (inside the deep link); only its keyed hash is stored. */
  token: string;
  expiresAt: Date;
  unit: { id: number; key: string; name: string };
}

/** A one-time invite that binds whoever opens it first to the unit, until it expires. */
export async function createInvite(deps: Deps, raw: CreateInviteInput): Promise<CreatedInvite> {
  const parsed = createInviteInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid invite request",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const input = parsed.data;
  const unit = await findUnit(deps.db, input.unit);
  if (!unit.active) throw new AppError("conflict", `unit ${unit.key} is inactive`);
  const now = deps.clock();
  // 24 random bytes → 32 base64url characters: 192 bits, far beyond guessing, and 35 characters with the prefix.
  const token = `${INVITE_PREFIX}${deps.crypto.randomToken(24)}`;
  const expiresAt = new Date(now.getTime() + input.validDays * 86_400_000);
  await deps.db.transaction(async (tx) => {
    await tx.insert(liaisonInvites).values({
      tokenHash: deps.crypto.hash(INVITE_HASH_PURPOSE, token),
      unitId: unit.id,
      createdBy: input.actor,
      expiresAt,
      createdAt: now,
    });
    await appendAudit(
      tx,
      { actor: input.actor, action: "liaison.invite_created", entity: "unit", entityId: unit.id, after: { expiresAt: expiresAt.toISOString() } },
      now,
    );
  });
  return { token, expiresAt, unit: { id: unit.id, key: unit.key, name: unit.name } };
}
