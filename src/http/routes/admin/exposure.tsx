import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { addListing } from "../../../app/blacklist/add-listing.js";
import { exportBlacklist, importBlacklist, type BlacklistImportResult } from "../../../app/blacklist/blacklist-csv.js";
import { decideRemoval } from "../../../app/blacklist/decide-removal.js";
import { listListings } from "../../../app/blacklist/list-listings.js";
import { decideExposure } from "../../../app/exposure/decide-exposure.js";
import { listExposures } from "../../../app/exposure/list-exposures.js";
import { prepareExposure } from "../../../app/exposure/prepare-exposure.js";
import { requireManager } from "../../../app/manage/manage-scope.js";
import { requireWriter } from "../../../app/triage/scope.js";
import { BlacklistPage, ExposureAdminPage } from "../../views/admin/exposure.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

export const MAX_BLACKLIST_CSV_BYTES = 4_000_000;
const ERRORS = new Set(["invalid_input", "conflict", "forbidden", "not_found"]);

/**
 * /admin/exposure: prepare 曝光台 entries (staff who write), approve = publish (a second committee or admin
 * account) and withdraw with a reason. /admin/blacklist: list, request and decide 信用修复, CSV in and out
 * (committee and admin). A refusal comes back to the page as ?error=<code>, never as a 500.
 */
export function exposureRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  for (const p of ["/exposure", "/exposure/*", "/blacklist", "/blacklist/*"]) r.use(p, requireSession);
  const form = async (c: Context<AdminEnv>) => {
    const b = await c.req.parseBody();
    return (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
  };
  const run = async (c: Context<AdminEnv>, back: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      if (err instanceof AppError && ERRORS.has(err.code)) return c.redirect(`${back}?error=${err.code}`, 303);
      throw err;
    }
    return c.redirect(`${back}?done=1`, 303);
  };
  const errorOf = (c: Context<AdminEnv>) => {
    const e = c.req.query("error") ?? "";
    return ERRORS.has(e) ? e : undefined;
  };

  r.get("/exposure", async (c) => {
    const s = c.get("session")!;
    requireWriter(s.actor);
    return c.html(
      <ExposureAdminPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        rows={await listExposures(deps, s.actor)}
        done={c.req.query("done") ? "1" : undefined}
        error={errorOf(c)}
        prefill={{ source: c.req.query("source") ?? "", sourceRef: c.req.query("ref") ?? "" }}
      />,
    );
  });
  r.post("/exposure", requireCsrfToken, async (c) => {
    const f = await form(c);
    return run(c, "/admin/exposure", () =>
      prepareExposure(deps, c.get("session")!.actor, {
        kind: f("kind") as "hazard",
        source: f("source") as "manual",
        sourceRef: f("sourceRef"),
        creditCode: f("creditCode"),
        enterpriseName: f("enterpriseName"),
        jurisdictionCode: f("jurisdictionCode"),
        findings: f("findings"),
        measures: f("measures"),
        occurredOn: f("occurredOn"),
      }),
    );
  });
  r.post("/exposure/:id/approve", requireCsrfToken, (c) =>
    run(c, "/admin/exposure", () => decideExposure(deps, c.get("session")!.actor, { id: c.req.param("id"), action: "approve" })),
  );
  r.post("/exposure/:id/withdraw", requireCsrfToken, async (c) => {
    const f = await form(c);
    return run(c, "/admin/exposure", () => decideExposure(deps, c.get("session")!.actor, { id: c.req.param("id"), action: "withdraw", reason: f("reason") }));
  });

  const blacklistPage = async (c: Context<AdminEnv>, imported?: BlacklistImportResult) => {
    const s = c.get("session")!;
    requireManager(s.actor);
    return c.html(
      <BlacklistPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        rows={await listListings(deps, s.actor)}
        done={c.req.query("done") ? "1" : undefined}
        error={errorOf(c)}
        creditCode={c.req.query("creditCode") ?? ""}
        imported={imported}
      />,
      imported && !imported.ok ? 400 : 200,
    );
  };
  r.get("/blacklist", (c) => blacklistPage(c));
  r.get("/blacklist/export", async (c) =>
    c.body(await exportBlacklist(deps, c.get("session")!.actor), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="jubao-blacklist.csv"',
    }),
  );
  r.post("/blacklist", requireCsrfToken, async (c) => {
    const f = await form(c);
    return run(c, "/admin/blacklist", () =>
      addListing(deps, c.get("session")!.actor, {
        creditCode: f("creditCode"),
        legalBasis: f("legalBasis"),
        listingUnit: f("listingUnit"),
        startsOn: f("startsOn"),
        plannedEndOn: f("plannedEndOn") || null,
        reason: f("reason"),
      }),
    );
  });
  r.post("/blacklist/import", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    requireManager(s.actor);
    const body = await c.req.parseBody();
    const file = body.file;
    if (file instanceof File && file.size > MAX_BLACKLIST_CSV_BYTES) throw new AppError("invalid_input", "file too large");
    const input = file instanceof File ? { bytes: new Uint8Array(await file.arrayBuffer()) } : { csv: typeof body.csv === "string" ? body.csv : "" };
    return blacklistPage(c, await importBlacklist(deps, s.actor, input));
  });
  for (const action of ["request", "approve", "refuse"] as const)
    r.post(`/blacklist/:id/${action}-removal`, requireCsrfToken, async (c) => {
      const f = await form(c);
      const id = c.req.param("id");
      const actor = c.get("session")!.actor;
      return run(c, "/admin/blacklist", () =>
        action === "approve" ? decideRemoval(deps, actor, { id, action }) : decideRemoval(deps, actor, { id, action, reason: f("reason") }),
      );
    });
  return r;
}
