import { Hono } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { campaignAccess } from "../../../app/campaigns/campaign-scope.js";
import { campaignFigures } from "../../../app/campaigns/campaign-figures.js";
import { exportFigures } from "../../../app/figures/export-figures.js";
import { PERIOD_RE } from "../../../app/figures/stored-values.js";
import { FiguresPage } from "../../views/admin/figures.js";
import { requireSession, type AdminEnv } from "./context.js";

/** The figures dashboard of one campaign and its xlsx/csv download, both limited to the actor's scope. */
export function figuresRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/campaigns/*", requireSession);

  r.get("/campaigns/:id{[0-9]+}/figures", async (c) => {
    const s = c.get("session")!;
    const data = await campaignFigures(deps, { actor: s.actor, campaignId: Number(c.req.param("id")), month: c.req.query("month"), metric: c.req.query("metric") });
    return c.html(<FiguresPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} data={data} />);
  });

  r.get("/campaigns/:id{[0-9]+}/export", async (c) => {
    const s = c.get("session")!;
    const access = await campaignAccess(deps.db, s.actor, Number(c.req.param("id")));
    const month = c.req.query("month") ?? "";
    const format = c.req.query("format") ?? "";
    if (!PERIOD_RE.test(month) || (format !== "xlsx" && format !== "csv")) throw new AppError("invalid_input", "month and format required");
    // Committee staff who see only part of a campaign get no summary: it adds up units outside their subtree.
    const unit = access.full ? undefined : s.actor.unitId ?? undefined;
    if (!access.full && unit === undefined) throw new AppError("not_found", "campaign not found");
    const file = await exportFigures(deps, { campaignId: access.campaign.id, month, format, unit });
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
    });
  });
  return r;
}
