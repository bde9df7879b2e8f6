import type { SectorCandidate, SectorClassification } from "../classify/index.js";
import type { DangerAssessment } from "../classify/index.js";
import type { ResolvePlaceResult } from "../places/types.js";
import type { SectorCode } from "../sectors.js";
import type { Level } from "../unit-catalog.js";

export interface RoutingJurisdiction {
  code: string;
  name: string;
  fullName: string;
  level: Level;
  parentCode: string | null;
}

export interface RoutingUnit {
  id: number;
  name: string;
  nameEn: string | null;
  jurisdictionCode: string;
  kind: "committee" | "department" | "township";
}

/** What the decision needs from the database, as lookups (the app layer serves them from indexed caches). */
export interface RoutingData {
  jurisdiction(code: string): RoutingJurisdiction | undefined;
  /** The unit a routing rule names for exactly this sector and jurisdiction (no walking). */
  rule(sector: SectorCode, jurisdictionCode: string): RoutingUnit | undefined;
  /** The 安委办 of exactly this jurisdiction. */
  committee(jurisdictionCode: string): RoutingUnit | undefined;
}

export interface MatchedEnterprise {
  id: number;
  name: string;
  sectorCode: SectorCode;
  jurisdictionCode: string;
  supervisingLevel: "province" | "city" | "county" | "township";
  via: "credit_code" | "name";
  score: number;
}

export interface RouteFacts {
  sectorChosen?: SectorCode;
  classification: SectorClassification;
  danger: DangerAssessment;
  reporterUrgent: boolean;
  place: ResolvePlaceResult;
  enterprise: MatchedEnterprise | null;
  /** A credit code the reporter gave whose check character is wrong: reported, never corrected. */
  creditCodeProblem: { code: string; reason: string; expected?: string } | null;
  defaultJurisdiction: string;
}

export interface Step {
  zh: string;
  en: string;
}

export interface RouteDecision {
  sector: SectorCode;
  sectorSource: "reporter" | "classifier" | "enterprise" | "low_confidence";
  confidence: number;
  evidence: string[];
  /** For a tip left to manual triage, the two closest sectors and their words; empty otherwise. */
  candidates: SectorCandidate[];
  jurisdiction: { code: string; name: string; fullName: string; level: Level };
  tier: Level;
  unit: RoutingUnit;
  urgent: boolean;
  urgentEvidence: string[];
  /**
   * Not urgent, but the text reads as possible danger (classify/danger.ts "possible") and the reporter did
   * not flag it: a channel that can ask the reporter should (SMS). Its words are in `possibleEvidence`.
   */
  possiblyUrgent: boolean;
  possibleEvidence: string[];
  /** For a possibly urgent tip, the 安委办 to alert if the reporter confirms the danger (else null). */
  alertIfConfirmed: RoutingUnit | null;
  /** Immediate danger: the 安委办 one tier above the routed unit is alerted at once. */
  alsoAlert: RoutingUnit | null;
  enterprise: { id: number; name: string; via: "credit_code" | "name"; score: number } | null;
  steps: Step[];
  explanation: { zh: string; en: string };
}
