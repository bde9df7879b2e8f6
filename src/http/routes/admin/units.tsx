import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { createInvite } from "../../../app/liaisons/create-invite.js";
import { listLiaisons } from "../../../app/liaisons/list-liaisons.js";
import { removeLiaison } from "../../../app/liaisons/remove-liaison.js";
import { getVisibleUnit, listUnits } from "../../../app/manage/list-units.js";
import { requireManager } from "../../../app/manage/manage-scope.js";
import { createUnit } from "../../../app/manage/create-unit.js";
import { importUnits, type UnitImportResult } from "../../../app/manage/import-units.js";
import { listUnitlessPlaces } from "../../../app/manage/list-unitless-places.js";
import { previewUnitRetirement } from "../../../app/manage/preview-unit-retirement.js";
import { renameUnit } from "../../../app/manage/rename-unit.js";
import { retireUnit } from "../../../app/manage/retire-unit.js";
import type { RetirementPlan } from "../../../app/manage/unit-retirement.js";
import { actorLabel } from "../../../app/staff/actor.js";
import { UnitPage, UnitsPage } from "../../views/admin/units.js";
import { InviteSheetPage } from "../../views/admin/invite-sheet.js";
import { addPhoneLiaison } from "../../../app/liaisons/add-phone-liaison.js";
import { maskMobile } from "../../../domain/mobile-phone.js";
import { qrSvg } from "../../qr-svg.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

export const MAX_UNIT_CSV_BYTES = 2_000_000;

/** Units and their liaisons. Everyone signed in sees the units in scope; only committee and admin invite or remove. */
export function unitRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  const inviteLink = (token: string) => inviteLinkFor(deps.config.TELEGRAM_BOT_USERNAME, token);
  r.use("/units", requireSession);
  r.use("/units/*", requireSession);

  const listPage = async (c: Context<AdminEnv>, q: string | undefined, flash: { created?: string; error?: string; imported?: UnitImportResult } = {}) => {
    const s = c.get("session")!;
    const jurisdiction = q && /^\d{2,9}$/.test(q) ? q : undefined;
    const units = await listUnits(deps, s.actor, { jurisdiction });
    const unitless = jurisdiction ? await listUnitlessPlaces(deps, s.actor, jurisdiction) : [];
    const canManage = s.actor.role === "admin" || s.actor.role === "committee";
    return c.html(
      <UnitsPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        units={units}
        unitless={unitless}
        jurisdiction={jurisdiction}
        canManage={canManage}
        {...flash}
      />,
      flash.error ? (flash.error === "unit_scope" ? 403 : 400) : flash.imported && !flash.imported.ok ? 400 : 200,
    );
  };
  r.get("/units", (c) =>
    listPage(c, c.req.query("jurisdiction")?.trim(), { created: /^\d{1,9}$/.test(c.req.query("created") ?? "") ? c.req.query("created") : undefined }),
  );

  // unit-import: a CSV of units, each created as the form above creates one; all or none.
  r.post("/units/import", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    requireManager(s.actor);
    const body = await c.req.parseBody();
    const file = body.file;
    if (file instanceof File && file.size > MAX_UNIT_CSV_BYTES) throw new AppError("invalid_input", "file too large");
    // The bytes go to the verb undecoded: it tells UTF-8 from GBK, which File.text() would garble.
    const input = file instanceof File ? { bytes: new Uint8Array(await file.arrayBuffer()) } : { csv: typeof body.csv === "string" ? body.csv : "" };
    return listPage(c, undefined, { imported: await importUnits(deps, s.actor, input) });
  });

  r.post("/units", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    requireManager(s.actor);
    const b = await c.req.parseBody({ all: true });
    const one = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
    const sectors = ([] as unknown[]).concat(b.sectors ?? []).filter((x): x is string => typeof x === "string");
    try {
      const created = await createUnit(deps, s.actor, {
        name: one("name"),
        nameEn: one("nameEn") || undefined,
        kind: one("kind") as "township",
        jurisdictionCode: one("jurisdictionCode"),
        sectors: sectors as "other"[],
        route: one("route") === "1",
      });
      return c.redirect(`/admin/units/${created.id}?done=created`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== "invalid_input" && err.code !== "forbidden")) throw err;
      return listPage(c, one("jurisdictionCode"), { error: err.code === "forbidden" ? "unit_scope" : err.code });
    }
  });

  const render = async (
    c: Context<AdminEnv>,
    extra: {
      invite?: { link?: string; command: string; expiresAt: Date; qr?: string };
      done?: string;
      error?: string;
      phone?: { added: string } | { refused: string };
      plan?: RetirementPlan;
      reason?: string;
      status?: 400 | 409;
    } = {},
  ) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id")!);
    const { liaisons } = await listLiaisons(deps, { unit: unit.id });
    const canManage = s.actor.role === "admin" || s.actor.role === "committee";
    // Successor candidates: the active units of the same county (or the same jurisdiction above county level).
    const successors =
      canManage && unit.active
        ? (await listUnits(deps, s.actor, { jurisdiction: unit.jurisdictionCode.slice(0, 6) })).filter((u) => u.active && u.id !== unit.id)
        : [];
    return c.html(
      <UnitPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        unit={unit}
        liaisons={liaisons}
        canManage={canManage}
        successors={successors}
        {...extra}
      />,
      extra.status ?? 200,
    );
  };

  r.get("/units/:id", (c) =>
    render(c, {
      done: ["removed", "created", "renamed", "retire", "merge"].find((d) => d === c.req.query("done")),
      error: c.req.query("error") === "invalid_input" ? "invalid_input" : undefined,
    }),
  );

  // The link is rendered in this response only (no redirect), so reloading the unit page never shows it again.
  r.post("/units/:id/invite", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    requireManager(s.actor);
    const invite = await createInvite(deps, { unit: unit.id, actor: actorLabel(s.actor) });
    const link = inviteLink(invite.token);
    return render(c, {
      invite: { link, command: `/start ${invite.token}`, expiresAt: invite.expiresAt, qr: link ? await qrSvg(link) : undefined },
    });
  });

  // A printable A4 invite (unit, instructions, link, QR). Made by POST like the invite itself: the token is shown in this response only.
  r.post("/units/:id/invite-sheet", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    requireManager(s.actor);
    const invite = await createInvite(deps, { unit: unit.id, actor: actorLabel(s.actor) });
    const link = inviteLink(invite.token) ?? `/start ${invite.token}`;
    return c.html(
      <InviteSheetPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        unit={unit}
        link={link}
        qr={await qrSvg(link)}
        expiresAt={invite.expiresAt}
      />,
    );
  });

  // A liaison with only a phone (no Telegram). Rendered in this response: the masked number is shown once.
  r.post("/units/:id/liaisons/phone", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    requireManager(s.actor);
    const body = await c.req.parseBody();
    const result = await addPhoneLiaison(deps, { unit: unit.id, phone: typeof body.phone === "string" ? body.phone : "", actor: actorLabel(s.actor) });
    return render(c, { phone: result.ok ? { added: maskMobile(result.phone) } : { refused: result.reason } });
  });

  r.post("/units/:id/liaisons/:lid/remove", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    requireManager(s.actor);
    const { liaisons } = await listLiaisons(deps, { unit: unit.id });
    const liaison = liaisons.find((l) => String(l.id) === c.req.param("lid"));
    if (!liaison) throw new AppError("not_found", "no such liaison in this unit");
    const body = await c.req.parseBody();
    const reason = typeof body.reason === "string" ? body.reason : "";
    try {
      await removeLiaison(deps, { liaisonId: liaison.id, actor: actorLabel(s.actor), reason });
    } catch (err) {
      if (err instanceof AppError && (err.code === "invalid_input" || err.code === "conflict"))
        return c.redirect(`/admin/units/${unit.id}?error=invalid_input`, 303);
      throw err;
    }
    return c.redirect(`/admin/units/${unit.id}?done=removed`, 303);
  });
  r.post("/units/:id/rename", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    const b = await c.req.parseBody();
    const one = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
    try {
      await renameUnit(deps, s.actor, { unit: unit.id, name: one("name"), nameEn: one("nameEn") });
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return c.redirect(`/admin/units/${unit.id}?error=invalid_input`, 303);
      throw err;
    }
    return c.redirect(`/admin/units/${unit.id}?done=renamed`, 303);
  });

  // Two steps: without confirm=1 the page shows what would move; the confirming form posts the same fields with confirm=1.
  r.post("/units/:id/retire", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    requireManager(s.actor);
    const b = await c.req.parseBody();
    const one = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
    const input = { unit: unit.id, into: one("into"), mode: one("mode") === "merge" ? ("merge" as const) : ("retire" as const) };
    try {
      if (one("confirm") !== "1") return await render(c, { plan: await previewUnitRetirement(deps, s.actor, input), reason: one("reason") });
      await retireUnit(deps, s.actor, { ...input, reason: one("reason") });
    } catch (err) {
      if (err instanceof AppError && (err.code === "invalid_input" || err.code === "conflict" || (err.code === "not_found" && input.into !== "")))
        return render(c, { error: err.code === "conflict" ? "unit_retired" : "invalid_input", status: err.code === "conflict" ? 409 : 400 });
      throw err;
    }
    return c.redirect(`/admin/units/${unit.id}?done=${input.mode}`, 303);
  });
  return r;
}

/** The bot's deep link for an invite, when the bot's username is configured. */
function inviteLinkFor(username: string | undefined, token: string): string | undefined {
  return username ? `https://t.me/${username}?start=${token}` : undefined;
}
