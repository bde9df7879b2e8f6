import type { DuplicateSuggestion } from "../../../app/triage/find-duplicates.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";

interface Props {
  t: Translate;
  csrf: string;
  timeZone: string;
  tipId: number;
  duplicates: DuplicateSuggestion[];
}

/** What made a candidate similar, in words staff can check against the two texts. */
function reasons(t: Translate, s: DuplicateSuggestion["signals"]): string {
  const out: string[] = [];
  if (s.sameEnterprise) out.push(t("admin-duplicate-same-enterprise"));
  if (s.place === "same") out.push(t("admin-duplicate-same-place"));
  if (s.place === "near") out.push(t("admin-duplicate-near-place"));
  if (s.sameSector) out.push(t("admin-duplicate-same-sector"));
  out.push(t("admin-duplicate-text", { pct: Math.round(s.textSimilarity * 100) }));
  return out.join(" · ");
}

/** Likely duplicates with a one-click merge (the later tip into the earlier), through the ordinary merge action. */
export function DuplicateList({ t, csrf, timeZone, tipId, duplicates }: Props) {
  return (
    <table class="duplicates">
      <thead>
        <tr>
          <th>{t("admin-col-code")}</th>
          <th>{t("admin-col-received")}</th>
          <th>{t("admin-col-status")}</th>
          <th>{t("admin-duplicate-score")}</th>
          <th>{t("admin-tip-text")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {duplicates.map((d) => (
          <tr id={`duplicate-${d.id}`}>
            <td>
              <a href={`/admin/tips/${d.id}`}>{d.trackingCode}</a>
            </td>
            <td class="nowrap">{formatDateTime(d.receivedAt, timeZone)}</td>
            <td>{t(`admin-status-${d.status}`)}</td>
            <td>
              <b>{d.score}</b>
              <br />
              <small>{reasons(t, d.signals)}</small>
            </td>
            <td>{d.text}</td>
            <td>
              {d.merge && (
                <form method="post" action={`/admin/tips/${d.merge.fromTipId}/merge`}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <input type="hidden" name="intoTipId" value={String(d.merge.intoTipId)} />
                  <input type="hidden" name="back" value={String(tipId)} />
                  <button type="submit">{t(d.merge.fromTipId === tipId ? "admin-duplicate-merge-this" : "admin-duplicate-merge-that")}</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
