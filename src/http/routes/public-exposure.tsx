import { Hono, type Context } from "hono";
import type { Deps } from "../../app/deps.js";
import { currentQuarter, exposureBoard, type ExposureBoard, type PublicExposure } from "../../app/exposure/exposure-board.js";
import { previousQuarter, QUARTER_RE } from "../../domain/quarters.js";
import type { AppEnv } from "../app-env.js";
import { pageHeaders, pageLocale, placeChoices, translator } from "../page-support.js";
import { atomFeed, ExposureBoardPage, type AreaChoice } from "../views/exposure-board.js";
import type { T } from "../views/layout.js";

const LISTS = ["exposures", "blacklist", "closed"] as const;
type List = (typeof LISTS)[number];

/**
 * The 曝光台 at /public and its feeds: /public/{exposures,blacklist,closed}.atom and .json, each with the
 * page's ?area= (city or county code) and ?quarter= (2026-Q4; the feeds show every quarter without it).
 * Read-only, no sign-in, the public pages' headers; the verb selects only staff-written public fields.
 */
export function publicExposureRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/public", pageHeaders, async (c) => {
    const locale = pageLocale(c);
    const now = currentQuarter(deps);
    const asked = c.req.query("quarter") ?? "";
    const quarter = QUARTER_RE.test(asked) ? asked : now;
    const board = await exposureBoard(deps, { area: areaOf(c), quarter, campaigns: true });
    const quarters = [now];
    while (quarters.length < 8) quarters.push(previousQuarter(quarters[quarters.length - 1]));
    if (!quarters.includes(quarter)) quarters.push(quarter);
    return c.html(<ExposureBoardPage t={translator(deps, locale)} locale={locale} board={board} areas={await areas(deps)} quarters={quarters} />);
  });
  for (const list of LISTS) {
    app.get(`/public/${list}.json`, pageHeaders, async (c) => {
      const board = await feedBoard(deps, c);
      return c.json({ area: board.area, quarter: board.quarter, items: itemsOf(board, list) });
    });
    app.get(`/public/${list}.atom`, pageHeaders, async (c) => {
      const t = translator(deps, pageLocale(c));
      const board = await feedBoard(deps, c);
      const base = deps.config.PUBLIC_URL?.replace(/\/$/, "") ?? new URL(c.req.url).origin;
      const items = feedItems(t, base, board, list);
      const updated =
        items
          .map((i) => i.updated)
          .sort()
          .pop() ?? "2000-01-01T00:00:00Z";
      const body = atomFeed(t, { base, list, title: `${t(`exposure-feed-title-${list}`)} · ${t("web-title")}`, updated, items });
      return c.body(body, 200, { "Content-Type": "application/atom+xml; charset=utf-8" });
    });
  }
  return app;
}

function areaOf(c: Context<AppEnv>): string | null {
  const a = c.req.query("area") ?? "";
  return /^\d{6}$/.test(a) ? a : null;
}

function feedBoard(deps: Deps, c: Context<AppEnv>): Promise<ExposureBoard> {
  const q = c.req.query("quarter") ?? "";
  return exposureBoard(deps, { area: areaOf(c), quarter: QUARTER_RE.test(q) ? q : null });
}

function itemsOf(board: ExposureBoard, list: List) {
  return list === "exposures" ? board.exposures : list === "closed" ? board.closures : board.blacklist;
}

const at = (day: string) => `${day}T00:00:00+08:00`;

function feedItems(t: T, base: string, board: ExposureBoard, list: List) {
  if (list === "blacklist")
    return board.blacklist.map((l) => ({
      id: `${base}/public#listing-${l.id}`,
      title: `${l.enterprise} · ${l.status === "removed" ? t("blacklist-removed-on", { date: l.removedOn ?? "" }) : t("blacklist-status-listed")}`,
      updated: at(l.removedOn ?? l.startsOn),
      summary: `${l.reason} (${t("blacklist-legal-basis")}: ${l.legalBasis}; ${t("blacklist-starts")}: ${l.startsOn})`,
      link: `${base}/public#listing-${l.id}`,
    }));
  return itemsOf(board, list).map((raw) => {
    const e = raw as PublicExposure;
    const link = `${base}/public#exposure-${e.id}`;
    if (e.status === "withdrawn")
      return {
        id: link,
        title: t("exposure-withdrawn-notice", { date: e.withdrawnOn }),
        updated: at(e.withdrawnOn),
        summary: t("exposure-withdrawn-notice", { date: e.withdrawnOn }),
        link,
      };
    return {
      id: link,
      title: `${t(`exposure-kind-${e.kind}`)}: ${e.enterprise} (${e.place.name})`,
      updated: at(e.publishedOn || e.date),
      summary: `${e.findings} — ${t("exposure-measures")}: ${e.measures}`,
      link,
    };
  });
}

/** Cities with their counties for the selector, from the same lists as the tip form. */
async function areas(deps: Deps): Promise<AreaChoice[]> {
  const { cities, counties } = await placeChoices(deps);
  return cities.map((c) => ({
    code: c.code,
    name: c.name,
    counties: counties.find((k) => k.city.code === c.code)?.items.map((i) => ({ code: i.code, name: i.name })) ?? [],
  }));
}
