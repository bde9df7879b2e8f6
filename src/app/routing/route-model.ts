import { combineDanger, combineSector, decodeRouteModel, predict, type RouteModel, type RouteModelJson } from "../../domain/classify/learned.js";
import { featurize } from "../../domain/classify/features.js";
import { scan } from "../../domain/classify/lexicon.js";
import { classifySector, detectImmediateDanger, type DangerAssessment, type SectorClassification } from "../../domain/classify/index.js";
import type { SectorCode } from "../../domain/sectors.js";
import { maskPlaceNames } from "../../domain/places/index.js";
// No import attribute: the Worker build's bundler (wrangler 3) cannot parse one; tsx and vitest load JSON without it.
import committed from "../../domain/classify/model/route-model.json";
import type { RoutingSnapshot } from "./routing-cache.js";

let decoded: RouteModel | undefined;
/** The committed model (npm run train:route), decoded on first use and kept for the process. */
export function committedRouteModel(): RouteModel {
  decoded ??= decodeRouteModel(committed as RouteModelJson);
  return decoded;
}

export interface TipReading {
  /** Tip text and enterprise with place names blanked: 港口区, 钦州港 or "Qinzhou Port" is no port evidence. */
  sectorText: string;
  /** The rule layer alone. */
  rules: { classification: SectorClassification; danger: DangerAssessment };
  /** What the router uses: rules and model combined, or the rules alone when there is no model. */
  classification: SectorClassification;
  danger: DangerAssessment;
}

/**
 * The sector and danger reading of one tip: the rules (vocabulary, staff-accepted rules, the danger
 * module), then the learned model over the same reading (domain/classify/learned.ts). `model` null:
 * the rules alone (the evaluation's baseline).
 */
export function readTip(
  snapshot: Pick<RoutingSnapshot, "placeIndex" | "sectorRules">,
  tip: { text: string; enterprise?: string; enterpriseSector?: SectorCode; enterpriseName?: string; channel?: string },
  model: RouteModel | null,
): TipReading {
  const sectorText = [tip.text, tip.enterprise]
    .filter(Boolean)
    .map((t) => maskPlaceNames(snapshot.placeIndex, t!))
    .join(" ");
  const boosts = tip.enterpriseSector ? [{ sector: tip.enterpriseSector, quote: tip.enterpriseName ?? "" }] : undefined;
  const classification = classifySector(sectorText, { rules: snapshot.sectorRules, boosts });
  const danger = detectImmediateDanger(tip.text);
  const rules = { classification, danger };
  if (!model) return { sectorText, rules, classification, danger };
  const fv = featurize({ sectorText, dangerText: tip.text, classification, danger }, true);
  const p = predict(model, fv);
  // A rule staff accepted is staff's own decision: it stands over the model.
  const staffRuleHolds = boosts !== undefined || (snapshot.sectorRules.sectors.length > 0 && scan(snapshot.sectorRules.lexicon, sectorText).length > 0);
  return {
    sectorText,
    rules,
    classification: staffRuleHolds ? classification : combineSector(model, fv, p, classification),
    danger: combineDanger(model, fv, p, danger, tip.channel),
  };
}
