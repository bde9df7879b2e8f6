import { Hono } from "hono";
import type { Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { campaignObligations } from "../../../app/campaigns/campaign-obligations.js";
import { actorPrefix } from "../../../app/campaigns/campaign-scope.js";
import { listCampaigns } from "../../../app/campaigns/list-campaigns.js";
import { startCampaign } from "../../../app/campaigns/start-campaign.js";
import { previewCampaignStart, type CampaignStartPreview } from "../../../app/campaigns/preview-campaign-start.js";
import { actorLabel } from "../../../app/staff/actor.js";
import { CampaignPage } from "../../views/admin/campaign.js";
import { CampaignsPage, TEMPLATE_CODES, type StartForm } from "../../views/admin/campaigns.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

const FORM_ERRORS: Record<string, 400 | 409> = { invalid_input: 400, not_found: 400, conflict: 409 };

/** Campaign list, start-from-template form and one campaign's obligations. */
export function campaignRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/campaigns", requireSession);
  r.use("/campaigns/*", requireSession);

  const renderList = async (c: Context<AdminEnv>, form?: StartForm, error?: string, pastDue?: CampaignStartPreview) => {
    const s = c.get("session")!;
    const campaigns = await listCampaigns(deps, { actor: s.actor });
    return c.html(
      <CampaignsPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        campaigns={campaigns}
        form={form}
        error={error}
        pastDue={pastDue}
      />,
      (error ? (FORM_ERRORS[error] ?? 400) : 200) as 200 | 400 | 409,
    );
  };
  r.get("/campaigns", (c) => renderList(c));

  r.post("/campaigns", requireCsrfToken, async (c) => {
    const actor = c.get("session")!.actor;
    // Starting a campaign creates duties for many units: the committee (安委办) or an admin only.
    if (actor.role !== "committee" && actor.role !== "admin") throw new AppError("forbidden", "committee only");
    const b = await c.req.parseBody();
    const str = (k: string) => (typeof b[k] === "string" ? (b[k] as string).trim() : "");
    const form: StartForm = { template: str("template"), jurisdictionCode: str("jurisdictionCode"), year: str("year"), figuresDueDay: str("figuresDueDay") };
    if (
      !(TEMPLATE_CODES as readonly string[]).includes(form.template) ||
      !/^\d{6}(\d{3})?$/.test(form.jurisdictionCode) ||
      (form.year !== "" && !/^\d{4}$/.test(form.year)) ||
      !["", "5", "10"].includes(form.figuresDueDay)
    ) {
      return renderList(c, form, "invalid_input");
    }
    const prefix = actorPrefix(actor);
    if (actor.role !== "admin" && (!prefix || !form.jurisdictionCode.startsWith(prefix))) return renderList(c, form, "scope");
    const dates = {
      template: form.template,
      year: form.year ? Number(form.year) : undefined,
      figuresDueDay: form.figuresDueDay ? Number(form.figuresDueDay) : undefined,
    };
    const pastDue = str("pastDue");
    try {
      // Dates already past: ask first whether those duties count (overdue) or are marked not applicable.
      if (pastDue !== "keep" && pastDue !== "not_applicable") {
        const preview = await previewCampaignStart(deps, dates);
        if (preview.pastDue.count > 0) return renderList(c, form, undefined, preview);
      }
      const started = await startCampaign(deps, {
        ...dates,
        jurisdictionCode: form.jurisdictionCode,
        actor: actorLabel(actor),
        pastDue: pastDue === "not_applicable" ? "not_applicable" : "keep",
      });
      return c.redirect(`/admin/campaigns/${started.campaignId}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code in FORM_ERRORS) return renderList(c, form, err.code);
      throw err;
    }
  });

  r.get("/campaigns/:id{[0-9]+}", async (c) => {
    const s = c.get("session")!;
    const result = await campaignObligations(deps, { actor: s.actor, campaignId: c.req.param("id"), kind: c.req.query("kind") ?? "" }).catch(async (err) => {
      // An unknown kind shows every kind rather than an error page.
      if (err instanceof AppError && err.code === "invalid_input") return campaignObligations(deps, { actor: s.actor, campaignId: c.req.param("id") });
      throw err;
    });
    return c.html(
      <CampaignPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} timeZone={deps.config.TZ_CAMPAIGN} result={result} />,
    );
  });
  return r;
}
