import { Hono } from "hono";
import type { Deps } from "../../../app/deps.js";
import { campaignFigures } from "../../../app/campaigns/campaign-figures.js";
import { exportCampaignFigures } from "../../../app/figures/export-campaign-figures.js";
import { FiguresPage } from "../../views/admin/figures.js";
import { requireSession, type AdminEnv } from "./context.js";

/** The figures dashboard of one campaign and its xlsx/csv download, both limited to the actor's scope. */
export function figuresRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/campaigns/*", requireSession);

  r.get("/campaigns/:id{[0-9]+}/figures", async (c) => {
    const s = c.get("session")!;
    const data = await campaignFigures(deps, {
      actor: s.actor,
      campaignId: Number(c.req.param("id")),
      month: c.req.query("month"),
      metric: c.req.query("metric"),
    });
    return c.html(<FiguresPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} data={data} />);
  });

  r.get("/campaigns/:id{[0-9]+}/export", async (c) => {
    const s = c.get("session")!;
    const file = await exportCampaignFigures(deps, {
      actor: s.actor,
      campaignId: Number(c.req.param("id")),
      month: c.req.query("month") ?? "",
      format: c.req.query("format") ?? "",
    });
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
    });
  });
  return r;
}
