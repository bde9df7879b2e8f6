import type { FC } from "hono/jsx";
import type { ExposureBoard, PublicExposure, PublicListing } from "../../app/exposure/exposure-board.js";
import { METRICS } from "../../domain/figures.js";
import { Layout, type T } from "./layout.js";

type Locale = "zh-CN" | "en";
export interface AreaChoice {
  code: string;
  name: string;
  counties: { code: string; name: string }[];
}

const Entry: FC<{ t: T; e: PublicExposure }> = ({ t, e }) =>
  e.status === "withdrawn" ? (
    <li class="entry withdrawn" id={`exposure-${e.id}`}>
      <p class="banner warn">{t("exposure-withdrawn-notice", { date: e.withdrawnOn })}</p>
    </li>
  ) : (
    <li class="entry" id={`exposure-${e.id}`}>
      <h3>{e.enterprise}</h3>
      <dl class="facts">
        <dt>{t("exposure-kind")}</dt>
        <dd>{t(`exposure-kind-${e.kind}`)}</dd>
        <dt>{t("exposure-place")}</dt>
        <dd>{e.place.name}</dd>
        <dt>{t("exposure-date")}</dt>
        <dd>{e.date}</dd>
        <dt>{t("exposure-findings")}</dt>
        <dd class="text">{e.findings}</dd>
        <dt>{t("exposure-measures")}</dt>
        <dd class="text">{e.measures}</dd>
      </dl>
    </li>
  );

const Listing: FC<{ t: T; l: PublicListing }> = ({ t, l }) => (
  <li class="entry" id={`listing-${l.id}`}>
    <h3>{l.enterprise}</h3>
    <dl class="facts">
      {l.creditCode && (
        <>
          <dt>{t("exposure-credit-code")}</dt>
          <dd>
            <code>{l.creditCode}</code>
          </dd>
        </>
      )}
      <dt>{t("exposure-place")}</dt>
      <dd>{l.place.name}</dd>
      <dt>{t("blacklist-legal-basis")}</dt>
      <dd>{l.legalBasis}</dd>
      <dt>{t("blacklist-listing-unit")}</dt>
      <dd>{l.listingUnit}</dd>
      <dt>{t("blacklist-reason")}</dt>
      <dd class="text">{l.reason}</dd>
      <dt>{t("blacklist-starts")}</dt>
      <dd>{l.startsOn}</dd>
      <dt>{t("blacklist-planned-end")}</dt>
      <dd>{l.plannedEndOn ?? "—"}</dd>
      <dt>{t("blacklist-status")}</dt>
      <dd>{l.status === "removed" ? t("blacklist-removed-on", { date: l.removedOn ?? "" }) : t("blacklist-status-listed")}</dd>
    </dl>
  </li>
);

function query(locale: Locale, board: ExposureBoard, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    lang: locale,
    ...(board.area ? { area: board.area } : {}),
    ...(board.quarter ? { quarter: board.quarter } : {}),
    ...extra,
  }).toString();
}

export const ExposureBoardPage: FC<{ t: T; locale: Locale; board: ExposureBoard; areas: AreaChoice[]; quarters: string[] }> = ({
  t,
  locale,
  board,
  areas,
  quarters,
}) => {
  const feeds = (list: string) => (
    <p class="hint">
      <a href={`/public/${list}.atom?${query(locale, board, {})}`}>{t("exposure-feed-atom")}</a> ·{" "}
      <a href={`/public/${list}.json?${query(locale, board, {})}`}>{t("exposure-feed-json")}</a>
    </p>
  );
  return (
    <Layout t={t} locale={locale} title={t("exposure-title")} path="/public">
      <h1>{t("exposure-title")}</h1>
      <p>{t("exposure-intro")}</p>
      <form method="get" action="/public" class="filters">
        <input type="hidden" name="lang" value={locale} />
        <label for="area">{t("exposure-area")}</label>
        <select id="area" name="area">
          <option value="">{t("exposure-area-all")}</option>
          {areas.map((c) => (
            <optgroup label={c.name}>
              <option value={c.code} selected={board.area === c.code}>
                {c.name}
              </option>
              {c.counties.map((k) => (
                <option value={k.code} selected={board.area === k.code}>
                  {`${c.name} ${k.name}`}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label for="quarter">{t("exposure-quarter")}</label>
        <select id="quarter" name="quarter">
          {quarters.map((q) => (
            <option value={q} selected={board.quarter === q}>
              {q}
            </option>
          ))}
        </select>
        <button type="submit">{t("exposure-show")}</button>
      </form>

      <section id="exposures">
        <h2>{t("exposure-list-title")}</h2>
        {feeds("exposures")}
        {board.exposures.length ? (
          <ul class="entries">
            {board.exposures.map((e) => (
              <Entry t={t} e={e} />
            ))}
          </ul>
        ) : (
          <p>{t("exposure-none")}</p>
        )}
      </section>

      <section id="blacklist">
        <h2>{t("blacklist-title")}</h2>
        {feeds("blacklist")}
        {board.blacklist.length ? (
          <ul class="entries">
            {board.blacklist.map((l) => (
              <Listing t={t} l={l} />
            ))}
          </ul>
        ) : (
          <p>{t("exposure-none")}</p>
        )}
      </section>

      <section id="closed">
        <h2>{t("exposure-closed-title")}</h2>
        {feeds("closed")}
        {board.closures.length ? (
          <ul class="entries">
            {board.closures.map((e) => (
              <Entry t={t} e={e} />
            ))}
          </ul>
        ) : (
          <p>{t("exposure-none")}</p>
        )}
      </section>

      <section id="progress">
        <h2>{t("exposure-progress-title")}</h2>
        {board.campaigns.length === 0 && <p>{t("exposure-none")}</p>}
        {board.campaigns.map((c) => (
          <>
            <h3>{c.name}</h3>
            <p class="hint">{t("exposure-progress-units", { units: c.unitsReporting })}</p>
            <div class="table-wrap">
              <table class="stats" id={`progress-${c.campaignId}`}>
                <thead>
                  <tr>
                    <th scope="col">{t("exposure-progress-metric")}</th>
                    <th scope="col">{t("exposure-progress-quarter")}</th>
                    <th scope="col">{t("exposure-progress-cumulative")}</th>
                  </tr>
                </thead>
                <tbody>
                  {METRICS.map((m) => (
                    <tr>
                      <th scope="row">{locale === "en" ? `${m.en} (${m.unitEn})` : `${m.zh}（${m.unit}）`}</th>
                      <td>{String(c.quarter[m.code])}</td>
                      <td>{String(c.cumulative[m.code])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
      </section>
    </Layout>
  );
};

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** An Atom 1.0 feed of one list; a withdrawn entry stays in the feed as its notice, so readers see it go. */
export function atomFeed(
  t: T,
  opts: { base: string; list: string; title: string; updated: string; items: { id: string; title: string; updated: string; summary: string; link: string }[] },
): string {
  const entries = opts.items
    .map(
      (i) =>
        `<entry><id>${xml(i.id)}</id><title>${xml(i.title)}</title><updated>${xml(i.updated)}</updated><link href="${xml(i.link)}"/><summary>${xml(i.summary)}</summary></entry>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>${xml(`${opts.base}/public/${opts.list}.atom`)}</id><title>${xml(opts.title)}</title><updated>${xml(opts.updated)}</updated><author><name>${xml(t("web-title"))}</name></author><link rel="self" href="${xml(`${opts.base}/public/${opts.list}.atom`)}"/>${entries}</feed>\n`;
}
