import type { SectorCandidate } from "../classify/index.js";
import { sectorInfo, type SectorCode } from "../sectors.js";
import type { Level } from "../unit-catalog.js";
import type { RouteDecision, RouteFacts, RoutingData, RoutingJurisdiction, RoutingUnit, Step } from "./types.js";

const LEVEL_RANK: Record<Level, number> = { province: 0, city: 1, county: 2, township: 3 };
const LEVEL_EN: Record<Level, string> = { province: "province", city: "city", county: "county", township: "township" };

/**
 * The routing decision, pure over looked-up data: sector → place → tier → unit, each step written
 * down in zh and en so a person can check it. Rules: the reporter's sector wins; a confident
 * classification next; a matched enterprise's sector when the text is unclear; else `other` (manual
 * triage by the 安委办). A matched enterprise fixes the place and its one supervising tier.
 */
export function decideRoute(data: RoutingData, facts: RouteFacts): RouteDecision {
  const steps: Step[] = [];
  const { sector, source, confidence, evidence } = chooseSector(facts);
  const candidates = source === "low_confidence" ? facts.classification.candidates : [];
  steps.push(sectorStep(sector, source, evidence, confidence, candidates));
  if (facts.creditCodeProblem) {
    const p = facts.creditCodeProblem;
    steps.push({
      zh: `信用代码 ${p.code} 无效（${p.reason === "check" ? `校验位应为 ${p.expected}` : p.reason === "length" ? "长度不是18位" : "含非法字符"}），未用于匹配`,
      en: `credit code ${p.code} is invalid (${p.reason === "check" ? `check character should be ${p.expected}` : p.reason}); not used`,
    });
  }

  let start = placeOf(data, facts, steps);
  if (facts.enterprise) {
    const e = facts.enterprise;
    const tierJ = ancestorAtLevel(data, e.jurisdictionCode, e.supervisingLevel);
    if (tierJ) {
      start = tierJ;
      steps.push({
        zh: `监管层级: 企业由${tierJ.name}监管（一家企业对应一级执法主体）`,
        en: `tier: the enterprise is supervised at ${LEVEL_EN[e.supervisingLevel]} level (${tierJ.name})`,
      });
    }
  }

  const unit = walkUp(data, sector, start, steps) ?? fallbackCommittee(data, start, steps);
  const unitJ = data.jurisdiction(unit.jurisdictionCode)!;
  steps.push({ zh: unit.name, en: unit.nameEn ?? unit.name });

  const urgentEvidence = facts.danger.urgent ? facts.danger.evidence : [];
  const urgent = facts.reporterUrgent || facts.danger.urgent;
  let alsoAlert: RoutingUnit | null = null;
  if (urgent) {
    alsoAlert = committeeAbove(data, unitJ, unit);
    const why = facts.reporterUrgent ? "举报人标记" : `（${urgentEvidence.join("、")}）`;
    const whyEn = facts.reporterUrgent ? "flagged by the reporter" : `(${urgentEvidence.join(", ")})`;
    // The decision, not the outcome: whether anyone was reached depends on liaisons (see submit-tip).
    steps.push({
      zh: `紧急: 存在现实危险${why}${alsoAlert ? `，应同时告知${alsoAlert.name}` : ""}`,
      en: `urgent: immediate danger ${whyEn}${alsoAlert ? `; also alert ${alsoAlert.nameEn ?? alsoAlert.name}` : ""}`,
    });
  }
  const possiblyUrgent = !urgent && facts.danger.level === "possible";
  return {
    sector,
    sectorSource: source,
    confidence,
    evidence,
    candidates,
    jurisdiction: { code: start.code, name: start.name, fullName: start.fullName, level: start.level },
    tier: unitJ.level,
    unit,
    urgent,
    urgentEvidence,
    possiblyUrgent,
    possibleEvidence: possiblyUrgent ? facts.danger.evidence : [],
    alertIfConfirmed: possiblyUrgent ? committeeAbove(data, unitJ, unit) : null,
    alsoAlert,
    enterprise: facts.enterprise ? { id: facts.enterprise.id, name: facts.enterprise.name, via: facts.enterprise.via, score: facts.enterprise.score } : null,
    steps,
    explanation: { zh: steps.map((s) => s.zh).join(" → "), en: steps.map((s) => s.en).join(" → ") },
  };
}

/**
 * The unit that supervises an enterprise (一企一级): from its jurisdiction's ancestor at its supervising level,
 * the sector's routing rule walking up, exactly as a tip naming the enterprise is routed. Null when no rule
 * matches (such an enterprise would fall to an 安委办's manual triage and is in no department's plan).
 */
export function supervisingUnit(data: RoutingData, e: { sectorCode: SectorCode; jurisdictionCode: string; supervisingLevel: Level }): RoutingUnit | null {
  const start = ancestorAtLevel(data, e.jurisdictionCode, e.supervisingLevel) ?? data.jurisdiction(e.jurisdictionCode);
  return start ? walkUp(data, e.sectorCode, start, null) : null;
}

function chooseSector(facts: RouteFacts): { sector: SectorCode; source: RouteDecision["sectorSource"]; confidence: number; evidence: string[] } {
  const c = facts.classification;
  if (facts.sectorChosen) return { sector: facts.sectorChosen, source: "reporter", confidence: 1, evidence: [] };
  if (c.sector !== "other") return { sector: c.sector, source: "classifier", confidence: c.confidence, evidence: c.evidence };
  if (c.best === "other" && c.confidence > 0 && c.evidence.length > 0) {
    return { sector: "other", source: "classifier", confidence: c.confidence, evidence: c.evidence };
  }
  if (facts.enterprise)
    return { sector: facts.enterprise.sectorCode, source: "enterprise", confidence: facts.enterprise.score, evidence: [facts.enterprise.name] };
  return { sector: "other", source: "low_confidence", confidence: c.confidence, evidence: c.evidence };
}

/**
 * A tip left to manual triage names the two closest sectors and the words that scored for each
 * ("最接近: 民用爆炸物品 (放炮、石头飞) / 非煤矿山 (开山)"), so the clerk can forward it at a glance.
 */
function closest(candidates: SectorCandidate[]): Step {
  if (candidates.length === 0) return { zh: "", en: "" };
  const words = (c: SectorCandidate, sep: string) => (c.evidence.length ? ` (${c.evidence.join(sep)})` : "");
  return {
    zh: `；最接近: ${candidates.map((c) => `${sectorInfo(c.sector).zh}${words(c, "、")}`).join(" / ")}`,
    en: `; closest: ${candidates.map((c) => `${sectorInfo(c.sector).en}${words(c, ", ")}`).join(" / ")}`,
  };
}

function sectorStep(sector: SectorCode, source: RouteDecision["sectorSource"], evidence: string[], confidence: number, candidates: SectorCandidate[]): Step {
  const info = sectorInfo(sector);
  const ev = evidence.length ? ` (${evidence.slice(0, 4).join(", ")})` : "";
  const pct = Math.round(confidence * 100);
  switch (source) {
    case "reporter":
      return { zh: `行业: ${info.zh}（举报人选择）`, en: `sector: ${info.en} (chosen by the reporter)` };
    case "enterprise":
      return { zh: `行业: ${info.zh}（文字不明确，按企业所属行业${ev}）`, en: `sector: ${info.en} (text unclear; the enterprise's sector${ev})` };
    case "low_confidence": {
      const near = closest(candidates);
      return { zh: `行业: 无法判断（置信度${pct}%）→ 其他，人工分办${near.zh}`, en: `sector: unclear (confidence ${pct}%) → other, manual triage${near.en}` };
    }
    default:
      return { zh: `行业: ${info.zh}${ev.replace(/, /g, "、")}`, en: `sector: ${info.en}${ev}` };
  }
}

function placeOf(data: RoutingData, facts: RouteFacts, steps: Step[]): RoutingJurisdiction {
  const e = facts.enterprise;
  if (e) {
    const j = data.jurisdiction(e.jurisdictionCode);
    if (j) {
      steps.push({
        zh: `企业: ${e.name}（${e.via === "credit_code" ? "信用代码" : `名称相似度${Math.round(e.score * 100)}%`}）→ 地点: ${j.fullName}`,
        en: `enterprise: ${e.name} (${e.via === "credit_code" ? "credit code" : `name similarity ${Math.round(e.score * 100)}%`}) → place: ${j.fullName}`,
      });
      return j;
    }
  }
  const p = facts.place;
  const found = p.jurisdiction ? data.jurisdiction(p.jurisdiction.code) : undefined;
  if (found) {
    const [zh, en] = howPlaceFound(p.source, p.matched);
    steps.push({ zh: `地点: ${found.fullName}（${zh}）`, en: `place: ${found.fullName} (${en})` });
    return found;
  }
  const fallback = data.jurisdiction(facts.defaultJurisdiction)!;
  steps.push({ zh: `地点: 未能识别 → 默认 ${fallback.fullName}`, en: `place: not recognised → default ${fallback.fullName}` });
  return fallback;
}

/** How the place was found, zh and en: only the one source's words are built. */
function howPlaceFound(source: string, matched: string[]): [string, string] {
  switch (source) {
    case "code":
      return ["举报人选择", "chosen by the reporter"];
    case "place":
      return [`地点栏“${matched.join("")}”`, `place field "${matched.join("")}"`];
    case "text":
      return [`文字中“${matched.join("、")}”`, `named in the text: ${matched.join(", ")}`];
    case "location":
      return ["共享位置，取最近的已知辖区，非边界匹配", "shared location: nearest seeded jurisdiction, not a boundary match"];
    default:
      return ["", ""];
  }
}

function walkUp(data: RoutingData, sector: SectorCode, start: RoutingJurisdiction, steps: Step[] | null): RoutingUnit | null {
  const label = steps ? sectorInfo(sector) : null;
  for (let j: RoutingJurisdiction | undefined = start; j; j = j.parentCode ? data.jurisdiction(j.parentCode) : undefined) {
    const unit = data.rule(sector, j.code);
    if (unit) return unit;
    if (steps && label) steps.push({ zh: `${j.name}无${label.zh}单位`, en: `${j.name} has no ${label.en} unit` });
  }
  return null;
}

function fallbackCommittee(data: RoutingData, start: RoutingJurisdiction, steps: Step[]): RoutingUnit {
  for (let j: RoutingJurisdiction | undefined = start; j; j = j.parentCode ? data.jurisdiction(j.parentCode) : undefined) {
    const c = data.committee(j.code);
    if (c) {
      steps.push({ zh: `无对应规则 → ${j.name}安委办人工分办`, en: `no rule matches → manual triage by the committee office of ${j.name}` });
      return c;
    }
  }
  throw new Error(`no 安委办 above ${start.code}: seed data incomplete`);
}

function ancestorAtLevel(data: RoutingData, code: string, level: Level): RoutingJurisdiction | undefined {
  for (let j = data.jurisdiction(code); j; j = j.parentCode ? data.jurisdiction(j.parentCode) : undefined) {
    if (LEVEL_RANK[j.level] <= LEVEL_RANK[level]) return j;
  }
  return undefined;
}

/** One tier up from the unit's jurisdiction; at the top, the top committee unless it already holds the tip. */
function committeeAbove(data: RoutingData, unitJ: RoutingJurisdiction, unit: RoutingUnit): RoutingUnit | null {
  for (let j = unitJ.parentCode ? data.jurisdiction(unitJ.parentCode) : undefined; j; j = j.parentCode ? data.jurisdiction(j.parentCode) : undefined) {
    const c = data.committee(j.code);
    if (c) return c;
  }
  const own = data.committee(unitJ.code);
  return own && own.id !== unit.id ? own : null;
}
