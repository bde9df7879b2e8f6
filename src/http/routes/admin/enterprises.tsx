import { Hono } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { importEnterprises, type ImportResult } from "../../../app/enterprises/import-enterprises.js";
import { getVisibleEnterprise, listEnterprises } from "../../../app/enterprises/list-enterprises.js";
import { updateEnterprise } from "../../../app/enterprises/update-enterprise.js";
import { requireManager } from "../../../app/manage/manage-scope.js";
import { listListings } from "../../../app/blacklist/list-listings.js";
import { currentFrequencies } from "../../../app/enforcement/supervision.js";
import { EnterprisePage, EnterprisesPage } from "../../views/admin/enterprises.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";
import type { Context } from "hono";

export const MAX_CSV_BYTES = 8_000_000;

/** Enterprise list (everyone in scope), edit and CSV import (committee and admin). */
export function enterpriseRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/enterprises", requireSession);
  r.use("/enterprises/*", requireSession);

  const list = async (c: Context<AdminEnv>, imported?: ImportResult) => {
    const s = c.get("session")!;
    const q = c.req.query("q")?.slice(0, 100) || undefined;
    const page = /^\d{1,4}$/.test(c.req.query("page") ?? "") ? Number(c.req.query("page")) || 1 : 1;
    const result = await listEnterprises(deps, s.actor, { q, page });
    const canManage = s.actor.role === "admin" || s.actor.role === "committee";
    return c.html(
      <EnterprisesPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        q={q}
        result={result}
        canManage={canManage}
        imported={imported}
        frequencies={await currentFrequencies(deps)}
      />,
      imported && !imported.ok ? 400 : 200,
    );
  };
  r.get("/enterprises", (c) => list(c));

  r.post("/enterprises/import", requireCsrfToken, async (c) => {
    requireManager(c.get("session")!.actor);
    const body = await c.req.parseBody();
    const file = body.file;
    if (file instanceof File && file.size > MAX_CSV_BYTES) throw new AppError("invalid_input", "file too large");
    // The bytes go to the verb undecoded: it tells UTF-8 from GBK, which File.text() would garble.
    const input = file instanceof File ? { bytes: new Uint8Array(await file.arrayBuffer()) } : { csv: typeof body.csv === "string" ? body.csv : "" };
    return list(c, await importEnterprises(deps, c.get("session")!.actor, input));
  });

  r.get("/enterprises/:id", async (c) => {
    const s = c.get("session")!;
    requireManager(s.actor);
    const e = await getVisibleEnterprise(deps, s.actor, c.req.param("id"));
    const error = c.req.query("error");
    const listings = await listListings(deps, s.actor, { enterpriseId: e.id });
    return c.html(
      <EnterprisePage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        e={e}
        listings={listings}
        done={c.req.query("done") ? "1" : undefined}
        error={error === "invalid_input" || error === "conflict" ? error : undefined}
        frequencies={await currentFrequencies(deps)}
      />,
    );
  });

  r.post("/enterprises/:id", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const id = c.req.param("id");
    await getVisibleEnterprise(deps, s.actor, id);
    const b = await c.req.parseBody();
    const f = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
    try {
      await updateEnterprise(deps, s.actor, {
        id,
        name: f("name"),
        creditCode: f("creditCode") || undefined,
        sectorCode: f("sectorCode") as "other",
        jurisdictionCode: f("jurisdictionCode"),
        supervisingLevel: f("supervisingLevel") as "county",
        riskClass: f("riskClass") as "average",
        blacklisted: f("blacklisted") === "1",
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === "invalid_input" || err.code === "conflict"))
        return c.redirect(`/admin/enterprises/${id}?error=${err.code}`, 303);
      throw err;
    }
    return c.redirect(`/admin/enterprises/${id}?done=1`, 303);
  });
  return r;
}
