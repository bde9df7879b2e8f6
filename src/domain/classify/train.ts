/**
 * Training the learned router: multinomial logistic regression with L2 for the sector (one row per
 * sector code) and binary logistic regression for urgency, by stochastic gradient descent over the
 * hashed features of features.ts. Deterministic: examples are visited in an order drawn from a fixed
 * seed, floating point is done in one fixed order, and the weights are rounded to thousandths before
 * they are written, so the same examples give the same bytes.
 * Features seen in fewer than `minCount` training tips get no weight: a word one writer used once says
 * nothing about the next writer, and leaving them out keeps the committed model small.
 */
import { SECTOR_CODES, type SectorCode } from "../sectors.js";
import { HASH_BITS, type FeatureVector } from "./features.js";
import type { RouteModelJson } from "./learned.js";

export interface TrainingExample {
  features: FeatureVector;
  sector: SectorCode;
  /** null: no urgency label (a staff correction teaches the sector only). */
  urgent: boolean | null;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 strength per update (weight decay on the features an example touches). */
  l2?: number;
  rate?: number;
  seed?: number;
  minCount?: number;
  /**
   * The chance that an example is seen without the rule layer's features in one epoch. The rules were
   * tuned on most training sets, so there they look better than they are on new wording; without this
   * the model would learn to trust them alone and leave the words unlearnt.
   */
  ruleDropout?: number;
  /** Probability below which the top sector falls to the 安委办 ("other", manual triage). */
  sectorThreshold?: number;
  /** The same when the rule layer found no word for any sector: the model alone, on words it learnt, must be surer. */
  bareThreshold?: number;
  /** How much an urgent tip's gradient counts against a calm one's: a missed urgent tip costs more than a false alarm. */
  urgentWeight?: number;
  urgentThreshold?: number;
  /** The urgent threshold per channel (sms, telegram, web); others use urgentThreshold. */
  urgentByChannel?: Record<string, number>;
  possibleThreshold?: number;
  /** What the model was trained on, written into the model. */
  sets?: { name: string; count: number }[];
}

export const DEFAULT_TRAIN_OPTIONS = {
  epochs: 30,
  l2: 1e-4,
  rate: 0.5,
  seed: 14,
  minCount: 2,
  urgentWeight: 1,
  // 0.4 by LOWO CV over 15 writers (bench/sweep-route.ts): 0.2–0.8 give the same sector accuracy ±0.1, and
  // 0.4 the best urgent precision at recall ≥ 96%.
  ruleDropout: 0.4,
  sectorThreshold: 0.35,
  bareThreshold: 0.6,
  // Read off the pooled out-of-fold probabilities of LOWO CV over 21 writers (bench/sweep-route.ts --recall 0.965,
  // session 8), rounded down to 0.005: one threshold per channel, chosen together as the fewest false alarms for a
  // pooled recall of 96.5% (a recall floor per channel instead would flag a third of web tips, where urgent tips are
  // rare — ≈ 5% against ≈ 30% by SMS or Telegram — and some are written calmly). Channels without their own (api,
  // phone, visit, letter) take the one threshold best over all tips at that recall.
  urgentThreshold: 0.055,
  urgentByChannel: { sms: 0.065, telegram: 0.04, web: 0.105 } as Record<string, number>,
  possibleThreshold: 0.04,
} as const;

/** Mulberry32: a small seeded generator, so the visiting order is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, next: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const K = SECTOR_CODES.length;
const round3 = (x: number) => Math.round(x * 1000);

export function trainRouteModel(examples: readonly TrainingExample[], options: TrainOptions = {}): RouteModelJson {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const size = 1 << HASH_BITS;
  const count = new Int32Array(size);
  for (const e of examples) for (const f of e.features.index) count[f]++;
  const kept = (f: number) => count[f] >= o.minCount;
  const W = new Float64Array(size * K);
  const U = new Float64Array(size);
  const next = random(o.seed);
  const z = new Float64Array(K);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const i of shuffled(examples.length, next)) {
      const { features, sector, urgent } = examples[i];
      const rate = o.rate / (1 + step++ / examples.length);
      const end = o.ruleDropout > 0 && next() < o.ruleDropout ? features.ruleFrom : features.index.length;
      const y = SECTOR_CODES.indexOf(sector);
      z.fill(0);
      let u = 0;
      for (let k = 0; k < end; k++) {
        const f = features.index[k];
        if (!kept(f)) continue;
        const x = features.value[k];
        for (let s = 0; s < K; s++) z[s] += W[f * K + s] * x;
        u += U[f] * x;
      }
      let max = -Infinity;
      for (let s = 0; s < K; s++) max = Math.max(max, z[s]);
      let sum = 0;
      for (let s = 0; s < K; s++) sum += z[s] = Math.exp(z[s] - max);
      const gu = urgent === null ? 0 : (1 / (1 + Math.exp(-u)) - (urgent ? 1 : 0)) * (urgent ? o.urgentWeight : 1);
      for (let k = 0; k < end; k++) {
        const f = features.index[k];
        if (!kept(f)) continue;
        const x = features.value[k];
        for (let s = 0; s < K; s++) {
          const g = z[s] / sum - (s === y ? 1 : 0);
          W[f * K + s] -= rate * (g * x + o.l2 * W[f * K + s]);
        }
        if (urgent !== null) U[f] -= rate * (gu * x + o.l2 * U[f]);
      }
    }
  }
  const features: number[] = [];
  for (let f = 0; f < size; f++) if (kept(f)) features.push(f);
  const sectorWeights: number[] = [];
  const urgentWeights: number[] = [];
  for (const f of features) {
    for (let s = 0; s < K; s++) sectorWeights.push(round3(W[f * K + s]));
    urgentWeights.push(round3(U[f]));
  }
  return {
    version: 1,
    hashBits: HASH_BITS,
    sectors: [...SECTOR_CODES],
    trainedOn: o.sets ?? [{ name: "examples", count: examples.length }],
    options: { epochs: o.epochs, l2: o.l2, rate: o.rate, seed: o.seed, minCount: o.minCount, urgentWeight: o.urgentWeight, ruleDropout: o.ruleDropout },
    thresholds: {
      sector: o.sectorThreshold,
      bare: o.bareThreshold,
      urgent: o.urgentThreshold,
      possible: o.possibleThreshold,
      ...(o.urgentByChannel ? { urgentByChannel: { ...o.urgentByChannel } } : {}),
    },
    // Feature indexes as gaps from the previous one: the list is sorted, so the gaps are short numbers.
    features: features.map((f, i) => (i === 0 ? f : f - features[i - 1])),
    sectorWeights,
    urgentWeights,
  };
}
