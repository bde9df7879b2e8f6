import type { FC } from "hono/jsx";
import type { DrawListRow, PublicDraw } from "../../app/enforcement/draws.js";
import { localName } from "../../domain/tip-input.js";
import { Layout, type T } from "./layout.js";

type Locale = "zh-CN" | "en";

/** The published draws, newest first. */
export const DrawsPage: FC<{ t: T; locale: Locale; draws: DrawListRow[] }> = ({ t, locale, draws }) => (
  <Layout t={t} locale={locale} title={t("public-draws-title")} path="/public/draws">
    <h1>{t("public-draws-title")}</h1>
    <p>{t("public-draws-intro")}</p>
    {draws.length === 0 ? (
      <p class="banner">{t("public-draws-none")}</p>
    ) : (
      <div class="table-wrap">
        <table id="public-draws">
          <thead>
            <tr>
              <th scope="col">{t("public-draws-id")}</th>
              <th scope="col">{t("public-draws-unit")}</th>
              <th scope="col">{t("public-draws-date")}</th>
              <th scope="col">{t("public-draws-picked")}</th>
            </tr>
          </thead>
          <tbody>
            {draws.map((d) => (
              <tr>
                <td>
                  <a href={`/public/draws/${d.id}?lang=${locale}`}>#{d.id}</a>
                </td>
                <td>{localName({ name: d.unitName, nameEn: d.unitNameEn }, locale)}</td>
                <td>{d.drawnOn}</td>
                <td>{d.picked}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </Layout>
);

/** One draw: inputs, seed, digest, result, and how to re-run it. No staff names, no reporter data. */
export const DrawPage: FC<{ t: T; locale: Locale; draw: PublicDraw }> = ({ t, locale, draw }) => (
  <Layout t={t} locale={locale} title={t("public-draw-title", { id: draw.id })} path={`/public/draws/${draw.id}`}>
    <h1>{t("public-draw-title", { id: draw.id })}</h1>
    <dl>
      <dt>{t("public-draws-unit")}</dt>
      <dd>{localName(draw.unit, locale)}</dd>
      <dt>{t("public-draws-date")}</dt>
      <dd>{draw.drawnOn}</dd>
      <dt>{t("public-draw-seed")}</dt>
      <dd>
        <code class="hash" id="draw-seed">
          {draw.seed}
        </code>
      </dd>
      <dt>{t("public-draw-digest")}</dt>
      <dd>
        <code class="hash">{draw.candidateDigest}</code>
      </dd>
      <dt>{t("public-draw-filter")}</dt>
      <dd>
        <code class="wrap">{JSON.stringify(draw.filter)}</code>
      </dd>
      {draw.supersedesId && (
        <>
          <dt>{t("public-draw-supersedes")}</dt>
          <dd>
            <a href={`/public/draws/${draw.supersedesId}?lang=${locale}`}>#{draw.supersedesId}</a> · {draw.redrawReason}
          </dd>
        </>
      )}
      {draw.supersededBy && (
        <>
          <dt>{t("public-draw-superseded-by")}</dt>
          <dd>
            <a href={`/public/draws/${draw.supersededBy}?lang=${locale}`}>#{draw.supersededBy}</a>
          </dd>
        </>
      )}
    </dl>
    <h2>{t("public-draw-result")}</h2>
    <div class="table-wrap">
      <table id="draw-result">
        <thead>
          <tr>
            <th scope="col">{t("public-draw-enterprise")}</th>
            <th scope="col">{t("public-draw-credit-code")}</th>
            <th scope="col">{t("public-draw-inspectors")}</th>
          </tr>
        </thead>
        <tbody>
          {draw.result.map((r) => (
            <tr data-enterprise={String(r.enterpriseId)}>
              <td>{r.name}</td>
              <td>{r.creditCode ?? ""}</td>
              <td>{r.inspectors.map((i) => i.name).join(locale === "en" ? ", " : "、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <h2>{t("public-draw-verify")}</h2>
    <p>{t("public-draw-verify-how")}</p>
    <p>
      <code class="wrap">{draw.algorithm}</code>
    </p>
    <p>
      <a href={`/api/v1/draws/${draw.id}`}>{t("public-draw-json")}</a> · <code class="wrap">npm run cli -- draws:verify {draw.id}</code>
    </p>
    <p>{t("public-draw-candidates", { count: draw.candidates.length })}</p>
  </Layout>
);
