import { PART_TERMS, type Part } from "./danger-cues.js";
import { compileLexicon, scan } from "./lexicon.js";
import { foldDialect } from "./normalize.js";

export interface DangerAssessment {
  urgent: boolean;
  /** The words that made the tip urgent, as the reporter wrote them. */
  evidence: string[];
}

/**
 * Immediate danger means people are at risk now, so the tip escalates and alerts at once. No single
 * phrase decides it: the detector reads the parts of a scene and adds their scores.
 *
 *   event      3  people caught in it: trapped, buried, down in a tank, swept away, a fire, a gas smell
 *   hazard     2  a dangerous process under way: leaking, smoke, water coming in, bending, falling
 *   weak       1  a defect or risk factor: a crack, overload, a drunk or dozing driver, a typhoon
 *   exposed    1  people where it reaches them: 一车人, children, a village below, or a person and a
 *                 place (工人 + 上面, workers + on it) in one clause
 *   unchecked  1  nobody has it in hand: work goes on, no one leaves, no one answers
 *   now        1  现在, 还在, right now, still, an English present progressive ("is bending")
 *   plea       1  快来, 救命, please hurry
 *   in service −1 a standing defect left in use (还在营业): the venue is open, nothing is unfolding
 *
 * A tip is urgent when a live event or hazard scores at least THRESHOLD with the parts in its own
 * sentence and its neighbours. Hazard and weak together count at most 2, so a list of defects alone
 * never reaches 3: it takes someone there, no control or "now". So a 高支模 bending (2) while concrete
 * is still being poured (unchecked 1) is urgent; a crack in a slide (1) taped up and still open (−1) is
 * not; an overloaded bus (1) with a drunk driver (1) and children on board (1) is.
 *
 * Guards, per clause (punctuation, or a space between Chinese words in SMS): a clause with a past
 * (去年, yesterday), habitual (经常, for months) or hypothetical (万一, if) marker and no "now" word
 * contributes nothing, so last month's fire and a fear of collapse stay calm while 去年塌了一次，现在又
 * 裂了 does not. Two combinations are hazards by themselves: explosives beside a flame, and
 * explosives beside children or a crowd; and lost contact (失联) is an event only beside a place
 * people can be lost in (井下, 水里), because "the boss cannot be reached" is a complaint.
 * Dialect and SMS forms (咗, 冇, 喺) are folded before reading (normalize.ts).
 */
export const URGENT_THRESHOLD = 3;
const WEIGHT: Partial<Record<Part, number>> = { event: 3, hazard: 2, weak: 1, exposed: 1, unchecked: 1, now: 1, duration: 1, plea: 1, in_service: -2 };
const SCORED = ["exposed", "unchecked", "now", "duration", "plea", "in_service"] as const;
/** A standing defect (weak parts only) is acute only when something says it is happening now or out of hand. */
const TIMELY = ["unchecked", "now", "duration", "plea"] as const;

/** Scene words and presence words overlap (在下面 ⊃ 下面), so each set has its own automaton. */
const PRESENCE_PARTS = ["person", "position", "exposed"] as const satisfies readonly Part[];
const SCENE_PARTS = (Object.keys(PART_TERMS) as Part[]).filter((p) => !(PRESENCE_PARTS as readonly Part[]).includes(p));
const SCENE = compileLexicon(SCENE_PARTS.map((p) => PART_TERMS[p]));
const PRESENCE = compileLexicon(PRESENCE_PARTS.map((p) => PART_TERMS[p]));

const SENTENCE_END = /[。！？!?；;\n]|\.\s/g;
const CLAUSE_END = /[。！？!?；;\n，,：:、]|\.\s|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])|\s(?:but|and|so)\s/g;
/** English present progressive, "right now" by grammar: "is bending", "are still pouring", "'re stuck". */
const PROGRESSIVE = /\b(?:[Ii]s|[Aa]re|am|(?:[Ii]t|[Ss]he|[Hh]e|[Tt]hat|[Tt]here|[Ww]hich|[Ww]ho)['’]s|(?:[Tt]hey|[Ww]e|[Yy]ou)['’]re)\s+(?:still\s+|now\s+|currently\s+|all\s+)?(?!(?:going|missing|nothing|something|anything|everything|building|ceiling|morning|evening|during|thing|bring)\b)[a-z]+ing\b/g;

export type Cue = { part: Part; quote: string; at: number; sentence: number; clause: number };

function boundaries(text: string, pattern: RegExp): number[] {
  const starts = [0];
  for (const m of text.matchAll(pattern)) starts.push(m.index! + m[0].length);
  return starts;
}

function indexOf(starts: number[], position: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const DEFORMING = /(?:bend|buckl|sagg|bulg|crack|lean|tilt|sway|sink|collaps|leak|burn|smok|shak|wobbl|crumbl|split|flood|giv)ing$/i;

/** Parts read by grammar rather than by word: counts of people, durations, driving hours. */
const PATTERNS: readonly [Part, RegExp][] = [
  ["now", PROGRESSIVE],
  // A present state is now too: "the driver is drunk", "the bus is packed".
  ["now", /\b(?:is|are|'s|'re)\s+(?:still\s+|now\s+|completely\s+|totally\s+)?(?:drunk|packed|overloaded|overcrowded|stuck|trapped|full|crammed|asleep|on fire|flooded|tilted|bent|cracked|hanging)\b/gi],
  ["duration", /(?:[0-9]+|[一二三四五六七八九十两半几]+)\s*(?:个?多?(?:小时|钟头|分钟)了|个钟(?!头))|\bfor\s+(?:\d+|an?|half an?)\s+(?:min|minutes|hours?)\b/g],
  // An English action in the simple present is a habit ("the owner smokes inside"), not the moment.
  ["habitual", /\b(?:smokes|leaks|drips|sways|shakes|sparks|overloads|drinks)\b/gi],
  ["weak", /(?:开|驾驶|跑)了?(?:[0-9]+|[一二三四五六七八九十两几]+)\s*个?多?(?:小时|钟头)|\bdriv(?:ing|en)\s+(?:for\s+)?(?:\d+|\w+)\s+(?:straight\s+)?hours\b/gi],
  // More aboard than the capacity: 核载十九座 装了三十个.
  ["weak", /核[载定].{0,10}?(?:装|坐|拉|塞|挤|载)了|(?:装|坐|拉|塞|挤|载)了.{0,12}?核[载定]|\b(?:marked|rated|licensed|approved) for \d+/g],
  // A capacity (核载39人) is not people present.
  ["exposed", /(?<!核载|限乘|额定|限载|核定|[0-9一二三四五六七八九十两几百千])(?:好几|好多|很多|许多|一群|一帮|[0-9]+|[一二三四五六七八九十两几百千]+)(?:多|来)?(?:个|名|位|户)?(?:工人|村民|居民|住户|乘客|船员|小学生|学生|孩子|小孩|老人|游客|客人|人)/g],
  ["weak", /\b\d+\s*(?:ppl|people|passengers)\s+(?:in|on)\s+(?:a\s+)?\d+[\s-]*seat/gi],
  ["exposed", /\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|several|many|lots of|a lot of)\s+(?:[a-z]+\s+)?(?:workers|people|ppl|passengers|children|kids|villagers|residents|students|tourists|miners|men|crew)\b/gi],
];

/** Every part found in the text, with its sentence and clause. Exported for tests and explanations. */
export function readCues(text: string): Cue[] {
  const folded = foldDialect(text);
  const sentences = boundaries(folded, SENTENCE_END);
  const clauses = boundaries(folded, CLAUSE_END);
  const cue = (part: Part, quote: string, at: number): Cue => ({ part, quote, at, sentence: indexOf(sentences, at), clause: indexOf(clauses, at) });
  const cues = scan(SCENE, text).map((h) => cue(SCENE_PARTS[h.concept], h.quote, h.start));
  const presence = scan(PRESENCE, text).map((h) => cue(PRESENCE_PARTS[h.concept], h.quote, h.start));
  const weakAt = new Set(cues.filter((c) => c.part === "weak").map((c) => c.at));
  const weakWithin = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (weakAt.has(i)) return true;
    return false;
  };
  for (const [part, pattern] of PATTERNS) {
    for (const m of folded.matchAll(pattern)) {
      const end = m.index + m[0].length;
      // A defect in the progressive is under way ("is cracking", "are bending"): that is its hazard,
      // not also its "now", or "some drums are bulging" would be urgent with nobody near.
      const inProgress = pattern === PROGRESSIVE && (DEFORMING.test(m[0]) || weakWithin(m.index, end));
      cues.push(cue(inProgress ? "hazard" : part, text.slice(m.index, end), m.index));
    }
  }
  // A person and a place that puts them in harm's way, in one clause, are people exposed.
  const positionIn = new Map<number, Cue>();
  for (const q of presence) if (q.part === "position" && !positionIn.has(q.clause)) positionIn.set(q.clause, q);
  for (const p of presence) {
    const where = p.part === "person" ? positionIn.get(p.clause) : undefined;
    if (p.part === "exposed") cues.push(p);
    else if (where) {
      const [from, to] = [Math.min(p.at, where.at), Math.max(p.at + p.quote.length, where.at + where.quote.length)];
      cues.push({ ...p, part: "exposed", quote: to - from <= 12 ? text.slice(from, to) : p.quote });
    }
  }
  return cues;
}

/**
 * Drops what a past, routine or hypothetical account says. A past marker settles its own clause
 * (去年塌了一次，现在又在挖); a fear runs to the end of its sentence (万一塌了，下面的人都跑不出来); a
 * routine covers its whole sentence, "now" or not (刹车一直冒烟 天天这样; 现在还有氨味，工人说闻习惯了).
 * A "now" word keeps its own clause live against a past or a fear.
 */
function liveCues(cues: Cue[]): Cue[] {
  const current = new Set(cues.filter((c) => c.part === "now").map((c) => c.clause));
  const routine = new Set(cues.filter((c) => c.part === "habitual").map((c) => c.sentence));
  const past = new Set(cues.filter((c) => c.part === "past").map((c) => c.clause));
  const fearFrom = new Map<number, number>();
  for (const c of cues) {
    if (c.part === "hypothetical") fearFrom.set(c.sentence, Math.min(c.clause, fearFrom.get(c.sentence) ?? Infinity));
  }
  const guarded = (c: Cue) =>
    routine.has(c.sentence) || past.has(c.clause) || (fearFrom.get(c.sentence) ?? Infinity) <= c.clause;
  return cues.filter((c) => c.part === "in_service" || !routine.has(c.sentence) && (current.has(c.clause) || !guarded(c)));
}

function groupInto(groups: Map<number, Cue[]>, key: number, c: Cue): void {
  const list = groups.get(key);
  if (list) list.push(c);
  else groups.set(key, [c]);
}

/** Combinations that make a hazard of parts that are harmless alone. */
function combinedHazards(live: Cue[]): Cue[] {
  const out: Cue[] = [];
  const missing = live.filter((c) => c.part === "missing");
  if (missing.length && live.some((c) => c.part === "whereabouts")) out.push(...missing.map((c) => ({ ...c, part: "event" as const })));
  const flameOrChild = new Map<number, Cue[]>();
  for (const c of live) if (c.part === "flame" || c.part === "child") groupInto(flameOrChild, c.clause, c);
  for (const e of live.filter((c) => c.part === "explosive" || c.part === "detonator")) {
    const beside = [e.clause - 1, e.clause, e.clause + 1]
      .flatMap((k) => flameOrChild.get(k) ?? [])
      .filter((c) => c.part === "flame" || e.part === "detonator");
    if (beside.length) out.push({ ...e, part: "hazard" }, ...beside.map((c) => ({ ...c, part: "exposed" as const })));
  }
  return out;
}

/** The score of one sentence read with its neighbours, or null when it holds no danger at all. */
function sceneScore(near: Cue[]): number | null {
  const count = new Map<Part, number>();
  for (const c of near) count.set(c.part, (count.get(c.part) ?? 0) + 1);
  const has = (p: Part) => (count.get(p) ?? 0) > 0;
  const event = has("event");
  if (!event && !has("hazard") && !has("weak")) return null;
  if (!event && !has("hazard") && !TIMELY.some(has)) return null;
  const danger = event ? 3 : Math.min(2, (count.get("hazard") ?? 0) * 2 + (count.get("weak") ?? 0));
  // People caught in it stay caught whether or not the place is "still open": no in-service discount.
  return danger + SCORED.reduce((sum, p) => sum + (has(p) && !(event && p === "in_service") ? WEIGHT[p]! : 0), 0);
}

const MAX_EVIDENCE = 8;

export function detectImmediateDanger(text: string): DangerAssessment {
  const live = liveCues(readCues(text));
  live.push(...combinedHazards(live));
  const bySentence = new Map<number, Cue[]>();
  for (const c of live) groupInto(bySentence, c.sentence, c);
  const evidence = new Set<string>();
  for (const [s, own] of bySentence) {
    if (!own.some((c) => c.part === "event" || c.part === "hazard" || c.part === "weak")) continue;
    const near = [...(bySentence.get(s - 1) ?? []), ...own, ...(bySentence.get(s + 1) ?? [])];
    const score = sceneScore(near);
    if (score === null || score < URGENT_THRESHOLD) continue;
    for (const c of near) if (c.part !== "in_service" && WEIGHT[c.part] && evidence.size < MAX_EVIDENCE) evidence.add(c.quote);
  }
  return { urgent: evidence.size > 0, evidence: [...evidence] };
}
