import { featurize } from "../../domain/classify/features.js";
import type { TrainingExample } from "../../domain/classify/train.js";
import type { SectorCode } from "../../domain/sectors.js";
import type { Deps } from "../deps.js";
import { routingSnapshot } from "./routing-cache.js";
import { readTip } from "./route-model.js";
import { listStaffCorrections } from "./staff-corrections.js";

/** A labelled tip as the training and evaluation files hold it (../shared/data/README.md). */
export interface LabelledTip {
  id: string;
  text: string;
  place?: string;
  enterprise?: string;
  sector: string | null;
  urgent: boolean | null;
  lang?: string;
  channel?: string;
}

/**
 * Training examples read exactly as the router reads a tip (place names masked, the rule layer's reading
 * as features), so the model learns on what it will see. Tips without a sector label are left out.
 */
export async function trainingExamples(deps: Pick<Deps, "db" | "database">, tips: readonly LabelledTip[]): Promise<TrainingExample[]> {
  const snapshot = await routingSnapshot(deps);
  return tips
    .filter((t) => t.sector)
    .map((t) => {
      const r = readTip(snapshot, { text: t.text, enterprise: t.enterprise || undefined }, null);
      const features = featurize({ sectorText: r.sectorText, dangerText: t.text, classification: r.classification, danger: r.danger });
      return { features, sector: t.sector as SectorCode, urgent: t.urgent };
    });
}

/**
 * Staff corrections as examples (staff-corrections.ts): the sector of the unit staff settled on, where that
 * unit answers for one sector. They teach the sector only: a transfer says nothing about urgency.
 */
export async function staffCorrectionTips(deps: Pick<Deps, "db">): Promise<LabelledTip[]> {
  return (await listStaffCorrections(deps))
    .filter((c) => c.finalSector)
    .map((c) => ({
      id: c.trackingCode,
      text: c.text,
      place: c.placeText ?? undefined,
      enterprise: c.enterpriseText ?? undefined,
      sector: c.finalSector,
      urgent: null,
    }));
}
