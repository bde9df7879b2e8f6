import type { Mention } from "./find-mentions.js";
import type { PlaceEntry } from "./place-index.js";

/**
 * Whether a mention names where something came from rather than where the tip is: goods or people
 * brought in (从湖南拉过来的砂石, 运自广东, "trucks coming from Hunan", "tourists from Nanning"). A route
 * (从南宁到凭祥, "from Nanning to Pingxiang") is not an origin: the tip may well be about its start.
 * `mentions` are all the mentions of the text in order, so a chain (从湖南衡阳拉来) is read as one.
 */
export function isOrigin(text: string, mention: Mention, mentions: readonly Mention[]): boolean {
  let start = mention.start;
  let end = mention.end;
  // Walk over the names written next to this one (湖南衡阳, "Hengyang, Hunan").
  for (let i = mentions.indexOf(mention) - 1; i >= 0 && /^[\s,，、]*$/.test(text.slice(mentions[i]!.end, start)); i--) start = mentions[i]!.start;
  for (let i = mentions.indexOf(mention) + 1; i < mentions.length && /^[\s,，、]*$/.test(text.slice(end, mentions[i]!.start)); i++) end = mentions[i]!.end;
  const near = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 40);
  if (ORIGIN_BEFORE_ZH.test(near)) return true;
  if (FROM_BEFORE_ZH.test(near) && BROUGHT_AFTER_ZH.test(after) && !ROUTE_AFTER_ZH.test(after)) return true;
  if (BROUGHT_RIGHT_AFTER_ZH.test(after)) return true;
  // The English pattern looks back further, so it runs only after a "from".
  return FROM_NEAR_EN.test(near) && FROM_BEFORE_EN.test(text.slice(Math.max(0, start - 60), start)) && !ROUTE_AFTER_EN.test(after);
}

/**
 * Whether a mention says where someone or something is from rather than where the tip is: a person's home
 * (老板是湖南衡南人, 施工队是衡南来的, "a tour group from Hengnan county", "I am based in Hengnan, Hunan",
 * "workers recruited in Hengnan"), a coach's home ("a coach from Hengnan county is parked at …"). A
 * company "based in" a place is there, and so is a truck "from" a mine. Counted only while another place is named (resolvePlace checks): 我是衡南人 alone still
 * places the tip in 衡南.
 */
export function isHome(text: string, mention: Mention, mentions: readonly Mention[]): boolean {
  let start = mention.start;
  let end = mention.end;
  for (let i = mentions.indexOf(mention) - 1; i >= 0 && /^[\s,，、]*$/.test(text.slice(mentions[i]!.end, start)); i--) start = mentions[i]!.start;
  for (let i = mentions.indexOf(mention) + 1; i < mentions.length && /^[\s,，、]*$/.test(text.slice(end, mentions[i]!.start)); i++) end = mentions[i]!.end;
  if (HOME_AFTER_ZH.test(text.slice(end, end + 6))) return true;
  // The English pattern looks back further, so it runs only after a "from" or "in"; "the bus from
  // Ningming to Pingxiang" is a route, whose start the tip is about.
  const before = text.slice(Math.max(0, start - 40), start);
  return FROM_OR_IN_EN.test(before.slice(-10)) && HOME_BEFORE_EN.test(before) && !ROUTE_AFTER_EN.test(text.slice(end, end + 40));
}
/** 衡南人 (not 人民, 人员, 人家), 衡南来的, 衡南籍. */
const FROM_OR_IN_EN = /\b(?:from|in)\s+(?:the\s+)?$/i;
const HOME_AFTER_ZH = /^(?:人(?![民员家])|(?:那边)?(?:过)?来的|籍)/;
const HOME_BEFORE_EN =
  /\b(?:(?:i\s+am|i['’]m|we\s+are|we['’]re)\s+(?:based|registered)\s+in|(?:recruited|hired)\s+(?:in|from)|(?:tour\s+)?(?:group|team|crew|company|firm|boss|owner|workers?|coach|bus)\s+(?:is\s+|are\s+|was\s+|were\s+)?from)\s+(?:the\s+)?$/i;

/**
 * Whether a mention is the far end of a route whose start is named too (从南宁到凭祥, 来宾往柳州的国道,
 * "the coach from Nanning to Pingxiang"): a coach, a truck or a road is the business of where it starts
 * (the operator's base), so the destination does not count while the start does, unless it lies
 * inside the start (梧州往苍梧那边 only says which part of 梧州).
 */
export function isDestination(text: string, mention: Mention, mentions: readonly Mention[]): boolean {
  const i = mentions.indexOf(mention);
  if (i <= 0) return false;
  const start = mentions[i - 1]!;
  const between = text.slice(start.end, mention.start);
  if (!ROUTE_BETWEEN_ZH.test(between) && !ROUTE_BETWEEN_EN.test(between)) return false;
  // 梧州往苍梧那边: a place inside the first one only says which part of it.
  return !mention.candidates.some((c) => start.candidates.some((p) => isWithin(c.entry, p.entry)));
}

/** 到, 至, 往, 开往… between the two names, with at most a few characters (车站, 出发) besides. */
const ROUTE_BETWEEN_ZH = /^[^，。,.!！？?；;\s]{0,4}(?:到|至|往|开往|发往|去)$/;
const ROUTE_BETWEEN_EN = /^(?:[\s'’-]+(?:bus|coach|railway|train)?\s*(?:station|terminal)?\s*)?\s+to\s+(?:the\s+)?$|^\s*[-–—]\s*$/i;

/** 来自, 产自, 运自…: always an origin. */
const ORIGIN_BEFORE_ZH = /(?:来自|产自|运自|购自|进自|调自|发自|源自|产地[是为:：]?)\s*$/;
/** 从/由 right before the name: an origin when a verb of bringing follows before any 到/往. */
const FROM_BEFORE_ZH = /[从由]\s*$/;
const BROUGHT_AFTER_ZH = /^[^，。,.!！？?；;]{0,8}?(?:拉|运|调|买|购|进货|带|送|发货|过来|来的|运来|开来)/;
const ROUTE_AFTER_ZH = /^[^，。,.!！？?；;拉运调买购带送]{0,8}?(?:到|至|往|去|开往|发往)/;
/** 湖南拉过来的, 广东运来, 外地产的: the name then a verb of bringing. */
const BROUGHT_RIGHT_AFTER_ZH = /^(?:那边|那里|那儿)?(?:拉|运|调|买|购|进|带|送)(?:过来|来|进来|回来)|^(?:产|生产|出产)的/;
/**
 * "from X" shortly after a verb of coming or bringing, or after who someone is: "trucks coming from
 * Hunan", "sand shipped in from Hengyang", "we're from Nanning", "tourists from Guilin". A distance
 * ("2 km from Yangshuo") is not an origin: it places the tip.
 */
const VERBS =
  "com(?:e|es|ing)|came|brought|bring(?:s|ing)?|ship(?:ped|s|ping)?|truck(?:ed|ing)|haul(?:ed|s|ing)?|transport(?:ed|s|ing)?|sourced|bought|buy(?:s|ing)?|import(?:ed|s|ing)?|deliver(?:ed|s|ing)?|suppl(?:y|ied|ies)|sent|driv(?:en|e|es|ing)|drove|arriv(?:e|ed|es|ing)|moved|travel(?:l?ed|l?ing|s)?";
const WHO = String.raw`i\s+am|i['’]m|we\s+are|we['’]re|they\s+are|they['’]re|tourists?|visitors?`;
const FROM_BEFORE_EN = new RegExp(
  String.raw`\b(?:(?:${VERBS})(?:\s+(?!(?:km|kilometres?|kilometers?|miles?|metres?|meters?|minutes?|hours?)\b)[\w'’-]+){0,3}?|${WHO})\s+(?:originally\s+)?from\s+(?:the\s+)?$`,
  "i",
);
const FROM_NEAR_EN = /\bfrom\s+(?:the\s+)?$/i;
const ROUTE_AFTER_EN = /^[^.!?;]{0,30}?\b(?:to|towards?|into)\b/i;

/**
 * Whether a bare Latin name is a word of a company name after a place ("Yangshuo Jinxiu Construction
 * Co.", "Hengnan Xinglong Fireworks"): right after another place name, and not a place inside it
 * ("Beihai Haicheng" is Haicheng District of Beihai and stays).
 */
export function isBrandWord(text: string, mention: Mention, mentions: readonly Mention[]): boolean {
  const i = mentions.indexOf(mention);
  if (!/^[A-Za-z]+$/.test(mention.surface)) return false;
  // A township's bare pinyin is also a trade name ("Jiahe Construction", "Mingliang Aluminium"): a
  // township named before a kind of business, with no suffix word, is the company's name, not its place.
  if (mention.candidates.every((c) => c.entry.level === "township") && isTradeName(text.slice(mention.end, mention.end + 40))) return true;
  if (i <= 0) return false;
  const prev = mentions[i - 1]!;
  if (text.slice(prev.end, mention.start) !== " " || !/^[A-Za-z]/.test(prev.surface)) return false;
  return !mention.candidates.some((c) => prev.candidates.some((p) => isWithin(c.entry, p.entry)));
}

/**
 * The kind of business of a company name, right after its trade name or after one more capitalised word
 * of it ("Hengnan Xinglong Fireworks"). Not "industrial park" or "quarry": a park or pit named after a
 * township is there.
 */
const TRADE_AFTER_EN = /^\s+([A-Z][a-z]+\s+)?([A-Za-z]+(?:\s+[A-Za-z]+)?)/;
const TRADE_WORD =
  /^(?:construction|chemicals?|co|company|corp|ltd|group|trading|fireworks|mining|aluminium|aluminum|steel|cement|logistics|industry|industries|gas|coal|transport|real estate|property|building materials|textiles?|paper|glass|ceramics?|machinery|metals?)\b/i;

function isTradeName(after: string): boolean {
  const m = TRADE_AFTER_EN.exec(after);
  return m !== null && (TRADE_WORD.test(m[2]!) || (m[1] !== undefined && TRADE_WORD.test(m[1])));
}

function isWithin(entry: PlaceEntry, of: PlaceEntry): boolean {
  for (let e: PlaceEntry | null = entry; e !== null; e = e.parent) if (e === of) return true;
  return false;
}

/**
 * Whether a mention is where a trip is going rather than where the tip is (工会组织去巴马团建，从金城江出发;
 * 拉人去德天瀑布一日游; "a bus for the staff trip to Rongxian"): the vehicle, the organiser and the danger
 * are where the trip starts when the writer names that start as one, unless the destination lies inside
 * another place named. Counted only while another place is named (resolvePlace checks).
 */
export function isTripDestination(text: string, mention: Mention, mentions: readonly Mention[]): boolean {
  const before = text.slice(Math.max(0, mention.start - 24), mention.start);
  if (!TRIP_TO_ZH.test(before) && !TRIP_TO_EN.test(before)) return false;
  // Only against a start the writer marks as one (从金城江出发, "leaving from Wuzhou"): a tourist's
  // 从南宁去阳朔玩 reports what was seen in Yangshuo.
  if (!mentions.some((o) => o !== mention && isDeparture(text, o))) return false;
  // 北海去涠洲岛的船: a place inside another one named only says which part of it.
  return !mentions.some((o) => o !== mention && mention.candidates.some((c) => o.candidates.some((p) => isWithin(c.entry, p.entry))));
}
function isDeparture(text: string, m: Mention): boolean {
  const before = text.slice(Math.max(0, m.start - 24), m.start);
  const after = text.slice(m.end, m.end + 6);
  return (/[从由]\s*$/.test(before) && /^(?:那边|这边)?(?:出发|发车|开出|走)/.test(after)) || DEPART_EN.test(before);
}
const DEPART_EN = /\b(?:(?:leav(?:e|es|ing)|depart(?:s|ed|ing)?)(?:\s+from)?|(?:setting\s+off|starting(?:\s+out)?|starts?)\s+from)\s+(?:the\s+)?$/i;
const TRIP_TO_ZH = /(?:组织|拉人|带团|旅游团|团建|出发|坐车|包车)?[^，。,.!！？?；;\s]{0,6}(?:去|前往|开往|发往)$/;
const TRIP_TO_EN = /\b(?:trip|tour|outing|excursion|journey|going|heading|travel(?:l?ing)?|bound)\s+(?:to|for)\s+(?:the\s+)?$/i;

/**
 * Whether the writer takes a name back (西乡塘，不对，是武鸣; "in Xixiangtang? no, in Nanning's Wuming";
 * 不是兴宁，是青秀): a name followed by a correction, or put after 不是 and followed by 是.
 */
export function isRetracted(text: string, mention: Mention): boolean {
  const after = text.slice(mention.end, mention.end + 16);
  if (RETRACT_AFTER_EN.test(after) || RETRACT_AFTER_ZH.test(after)) return true;
  return /不是\s*$/.test(text.slice(Math.max(0, mention.start - 3), mention.start)) && /^[^，。,.!！？?；;]{0,4}[\s，,]*(?:而)?是/.test(after);
}
const RETRACT_AFTER_EN = /^\s*[?？]\s*(?:no|nope|sorry|i mean|actually)\b|^\s*[,—–-]+\s*(?:no|sorry|i mean),/i;
const RETRACT_AFTER_ZH = /^[^，。,.!！？?；;]{0,4}?[\s，,]*(?:不对|说错了|搞错了|打错了|写错了)/;
