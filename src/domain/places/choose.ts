import type { Mention } from "./find-mentions.js";
import type { PlaceEntry } from "./place-index.js";
import { stripSuffix } from "./short-name.js";

export interface Choice {
  entry: PlaceEntry | null;
  matched: string[];
  note?: string;
}

interface Hypothesis {
  entry: PlaceEntry;
  mention: Mention;
  /** How many mentions name this entry or one of its ancestors (南宁 … 兴宁区 gives 兴宁区 two). */
  support: number;
  strong: boolean;
}

/**
 * Pick the jurisdiction the mentions agree on: the candidate most mentions support (itself or an
 * ancestor named), then a name that stands alone over a conditional one, then the deepest level,
 * then the earliest mention. Homonyms left tied (白沙镇 in five counties) give their common ancestor.
 */
export function chooseJurisdiction(mentions: Mention[]): Choice {
  const hypotheses = mentions.flatMap((mention) =>
    // A candidate's own mention always supports it (itself): one mention alone gives every candidate 1.
    mention.candidates.map((c) => ({
      entry: c.entry,
      mention,
      strong: c.trust === "strong",
      support: mentions.length === 1 ? 1 : supportOf(c.entry, mentions),
    })),
  );
  if (hypotheses.length === 0) return { entry: null, matched: [] };
  hypotheses.sort(compare);
  const best = hypotheses[0]!;
  const homonyms = hypotheses.filter((h) => h.mention === best.mention && h.entry !== best.entry && compare(h, best) === 0);
  let entry = homonyms.length === 0 ? best.entry : commonAncestor([best.entry, ...homonyms.map((h) => h.entry)]);
  // 平乐镇 is in 平乐县 and in 陆川县: the town that bears its own county's name is that county's seat,
  // the one people mean.
  if (homonyms.length > 0) {
    const seats = [best, ...homonyms].filter((h) => isSeatTown(h.entry));
    if (seats.length === 1) entry = seats[0]!.entry;
  }
  // The most specific reading that is not itself tied: "Long'an town" names two 龙安镇/龙岸镇 and the
  // county town of 隆安县; the county says more than Guangxi, the two towns' common ancestor.
  const untied = hypotheses.find((h) => h.mention === best.mention && h.entry !== best.entry && !homonyms.includes(h));
  if (homonyms.length > 0 && untied && untied.entry.depth > (entry?.depth ?? -1)) entry = untied.entry;
  // "Xiangyang town, Hengnan county": the tied town says only "somewhere in Guangxi"; another name in the
  // text that says more (a county) decides. It must not lie above the tie's ancestor's own level.
  if (homonyms.length > 0 && entry !== best.entry) {
    const other = hypotheses.find((h) => h.mention !== best.mention && h.entry.depth > (entry?.depth ?? -1) && h.strong);
    if (other) entry = other.entry;
  }
  // The tied homonyms' own mention counts as matched even though it names places below `entry`.
  const matched = unique(mentions.filter((m) => supports(m, best.mention, entry)).map((m) => m.surface));
  const notes: string[] = [];
  if (homonyms.length > 0) {
    notes.push(
      `${best.mention.surface} names ${homonyms.length + 1} places: ` +
        `${[best, ...homonyms].map((h) => h.entry.fullName).join(", ")}; ${entry ? `kept their common ancestor ${entry.name}` : "no common ancestor"}`,
    );
  }
  const others = unique(mentions.filter((m) => !matched.includes(m.surface)).map((m) => m.surface));
  if (entry && others.length > 0) notes.push(`also named: ${others.join(", ")}`);
  return { entry, matched: entry ? matched : [], note: notes.length > 0 ? notes.join("; ") : undefined };
}

function supports(m: Mention, best: Mention, entry: PlaceEntry | null): boolean {
  return m === best || (entry !== null && m.candidates.some((c) => isSelfOrAncestor(c.entry, entry)));
}

function compare(a: Hypothesis, b: Hypothesis): number {
  return b.support - a.support || Number(b.strong) - Number(a.strong) || b.entry.depth - a.entry.depth || a.mention.start - b.mention.start;
}

/** 平乐镇 of 平乐县, 车江镇 of no 车江县: a township whose name begins with its county's own 简称. */
function isSeatTown(entry: PlaceEntry): boolean {
  const county = entry.parent;
  if (entry.level !== "township" || county === null || county.level !== "county") return false;
  const stem = stripSuffix(county.name, "county");
  return stem !== null && stem.length >= 2 && stripSuffix(entry.name, "township") === stem;
}

function supportOf(entry: PlaceEntry, mentions: Mention[]): number {
  return mentions.filter((m) => m.candidates.some((c) => isSelfOrAncestor(c.entry, entry))).length;
}

function isSelfOrAncestor(candidate: PlaceEntry, of: PlaceEntry): boolean {
  for (let e: PlaceEntry | null = of; e !== null; e = e.parent) if (e === candidate) return true;
  return false;
}

function commonAncestor(entries: PlaceEntry[]): PlaceEntry | null {
  let common: PlaceEntry | null = entries[0]!.parent;
  while (common !== null && !entries.every((e) => isSelfOrAncestor(common!, e))) common = common.parent;
  return common;
}

const unique = (xs: string[]) => [...new Set(xs)];
