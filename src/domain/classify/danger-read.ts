/**
 * Reading a tip into the parts danger.ts scores: each part found by the vocabulary of danger-cues.ts
 * or by a grammatical pattern (counts of people, durations, English progressive), placed in its
 * sentence and clause so the guards and the scene window can work on positions alone.
 */
import { PART_TERMS, type Part } from "./danger-cues.js";
import { compileLexicon, scan } from "./lexicon.js";
import { foldDialect } from "./normalize.js";

/** Scene words and presence words overlap (在下面 ⊃ 下面), so each set has its own automaton. */
const PRESENCE_PARTS = ["person", "position", "exposed"] as const satisfies readonly Part[];
const SCENE_PARTS = (Object.keys(PART_TERMS) as Part[]).filter((p) => !(PRESENCE_PARTS as readonly Part[]).includes(p));
const SCENE = compileLexicon(SCENE_PARTS.map((p) => PART_TERMS[p]));
const PRESENCE = compileLexicon(PRESENCE_PARTS.map((p) => PART_TERMS[p]));

const SENTENCE_END = /[。！？!?；;\n]|\.\s/g;
const CLAUSE_END = /[。！？!?；;\n，,：:、]|\.\s|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])|\s(?:but|and|so)\s/g;
/** English present progressive, "right now" by grammar: "is bending", "are still pouring", "'re stuck". */
const PROGRESSIVE =
  /\b(?:[Ii]s|[Aa]re|am|(?:[Ii]t|[Ss]he|[Hh]e|[Tt]hat|[Tt]here|[Ww]hich|[Ww]ho)['’]s|(?:[Tt]hey|[Ww]e|[Yy]ou)['’]re)\s+(?:still\s+|now\s+|currently\s+|all\s+|already\s+|(?!(?:only|actually|really|usually|normally|generally|probably|apparently|reportedly|supposedly|basically|finally|early|daily|likely)\b)[a-z]+ly\s+)?(?!(?:going|missing|nothing|something|anything|everything|building|ceiling|morning|evening|during|thing|bring)\b)[a-z]+ing\b/g;

/** Characters between a person and a place that still read as one phrase across SMS spaces. */
const NEAR = 8;

export type Cue = { part: Part; quote: string; at: number; sentence: number; clause: number };

/**
 * The next match of a global pattern from its lastIndex, as matchAll would give it (an empty match moves on
 * one unit). matchAll copies the RegExp on every call, which cost more than the matching on a short tip:
 * these patterns are module constants used only here, one text at a time, each run to the end (lastIndex 0 again).
 */
function nextMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  const m = pattern.exec(text);
  if (m !== null && m[0] === "") pattern.lastIndex++;
  return m;
}

function boundaries(text: string, pattern: RegExp): number[] {
  const starts = [0];
  pattern.lastIndex = 0;
  for (let m = nextMatch(pattern, text); m !== null; m = nextMatch(pattern, text)) starts.push(m.index + m[0].length);
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
  // Chinese aspect: a collapse, leak or slide going on (台阶在塌, 还在漏, 一直在往下掉): a process under way.
  // 在 alone is common (存在, 在倒车), so the verbs are the ones no errand shares, and 倒 / 掉头 are left out.
  [
    "hazard",
    /(?:正在|还在|一直在|不停地?|都在|在)(?:度|那里|那儿|这里)?\s*(?:往[^，。,\s]{0,3})?(?:塌|垮|漏|滚|裂|晃|沉|陷|渗|喷|鼓|弯|歪|掉(?!头|价|钱|队))/g,
  ],
  // Something heading down or out onto people: 大石头往公路上滚, 砖头直接由五楼掟落街, 钢管从上面掉下来.
  [
    "hazard",
    /往[^，。,\s往]{1,5}?(?:滚|砸|塌|喷)|(?:砖|石头|石块|瓦片|钢管|钢筋|木板|模板|杂物|玻璃|水泥块|扣件|东西)[^，。,\s]{0,8}?(?:掉落|掉下|落下|扔下|扔落|丢下|砸下|抛下|飞出|飞到|滚下|直接由|直接从)/g,
  ],
  // A vehicle or a person gone into water: 有台车冲到河里去, 一辆车翻进鱼塘.
  ["hazard", /(?:掉|冲|翻|滚|栽|开|落)(?:进|到|入|下)了?(?:河|江|水|海|塘|湖|水库|鱼塘)(?:里|中|去)?/g],
  // An English participle of a structure giving way, even without "is": "bricks swaying on every bend",
  // "the shoring buckling". Not after an article or a negation ("a leaning wall", "no cracking").
  ["hazard", /(?<!\b(?:a|an|the|no|not|without|stop|prevent|from|of)\s)\b(?:bend|buckl|sagg|bulg|crack|sway|sink|collaps|crumbl|wobbl|tilt|shak|topp)ing\b/gi],
  // A flame put to something: "kids are lighting them", "lit a cigarette", "lighting firecrackers".
  ["flame", /\b(?:light(?:ing|s)?|lit)\s+(?:them|it|one|some|a cigarette|cigarettes|fireworks|firecrackers|crackers|a fuse|the fuse|a fire)\b/gi],
  // Nobody told: "nobody in the village seems to have been warned", 没人通知下面的住户.
  ["unchecked", /\b(?:nobody|no one|no-one|not|never|hasn't|haven't|hasnt|havent)\b[^.,;]{0,50}?\bwarned\b/gi],
  // A present state is now too: "the driver is drunk", "the bus is packed".
  [
    "now",
    /\b(?:is|are|'s|'re)\s+(?:still\s+|now\s+|completely\s+|totally\s+)?(?:drunk|packed|overloaded|overcrowded|stuck|trapped|full|crammed|asleep|on fire|flooded|tilted|bent|cracked|hanging)\b/gi,
  ],
  // Hours at the wheel (连续开二十个小时) are a driver's fatigue, read as weak below, not how long a scene has lasted.
  [
    "duration",
    /(?<![开驶跑续]了?|[0-9一二三四五六七八九十两半几])(?:[0-9]+|[一二三四五六七八九十两半几]+)\s*(?:个?多?(?:小时|钟头|分钟)了?|个钟(?!头))|\bfor\s+(?:\d+|an?|half an?)\s+(?:min|minutes|hours?)\b/g,
  ],
  // An English action in the simple present is a habit ("the owner smokes inside"), not the moment.
  [
    "habitual",
    /\b(?:smokes|leaks|drips|sways|shakes|sparks|overloads|drinks|swings|spills|overflows|tilts|wobbles|vibrates|floods)\b(?!\s+(?:now|right now|still|everywhere))/gi,
  ],
  // Counted repetitions (困人三次, three times this month) are a record, not the moment.
  ["repeated", /(?:[二三四五六七八九十两几]|好几|[2-9])\s*(?:次|回)(?![方])|\b(?:twice|two times|three times|several times|many times|\d+ times)\b/gi],
  // People still there, still at it: exposure now (工人照样在底下, 师傅还在上面, workers still going down).
  [
    "exposed",
    /(?:工人|工友|师傅|人|村民|乘客|游客|学生|小孩|孩子|司机|矿工|人家|住户)(?:们)?(?:都|也)?\s*(?:还在|仍在|照样|照常|继续|还要|还是在|正在)|\b(?:workers|people|men|miners|kids|children|passengers|they|crew|staff|we)\s+(?:are\s+)?still\b/gi,
  ],
  // Work goes on regardless: 照常在吊, 还在往里面排, 叫继续, 还在装.
  ["unchecked", /(?:照样|照常|继续|仍在|还要|叫)\s*(?:在)?\s*(?:往[^，。,\s]{0,4})?(?:干|做|挖|装|吊|浇|施工|作业|开工|排|生产|运|卸|焊|切)/g],
  // A pressure, a level or a crack that is growing is a process under way.
  [
    "hazard",
    /压力.{0,6}?(?:涨|升|超|高了|往上)|(?:裂缝|裂口|缝)\s*\S{0,4}?(?:大了|变大|变宽|宽了|加大|扩大)|\bpressure\s+(?:is\s+)?(?:still\s+)?(?:rising|climbing|going up|building)|\bcracks?\s+(?:is\s+|are\s+)?(?:growing|widening|getting (?:bigger|wider))|冒.{0,3}烟/gi,
  ],
  // Gas where it should not be: a smell, a leak, a cut pipe (not "闻不到气味").
  ["event", /(?:燃气|煤气|天然气|液化气)[^。！？!?]{0,15}?(?<!不到|没有|没)(?:气味|味道|泄漏|漏气|挖断|断了|破了)/g],
  // More seated than seats: 30座坐了快50人.
  ["weak", /(?:[0-9]+|[一二三四五六七八九十两几]+)\s*座[^，。,]{0,4}?(?:坐|装|拉|载|塞|挤)了/g],
  // A structure that lost its fixings or its level: 螺栓都没了, 一边高一边低.
  ["weak", /螺[栓丝][^，。,]{0,4}?(?:没了|掉了|松了|少了|缺)|\bbolts?\s+(?:are\s+|is\s+)?(?:missing|loose|gone)|一边\s*高\s*一边\s*低|一头\s*高\s*一头\s*低/gi],
  [
    "weak",
    /(?:开|驾驶|跑)了?(?:[0-9]+|[一二三四五六七八九十两几]+)\s*个?多?(?:小时|钟头)|\bdriv(?:ing|en)\s+(?:for\s+)?(?:\d+|\w+)\s+(?:straight\s+)?hours\b/gi,
  ],
  // More aboard than the capacity: 核载十九座 装了三十个.
  ["weak", /核[载定].{0,10}?(?:装|坐|拉|塞|挤|载)了|(?:装|坐|拉|塞|挤|载)了.{0,12}?核[载定]|\b(?:marked|rated|licensed|approved) for \d+/g],
  // A capacity (核载39人) is not people present.
  [
    "exposed",
    /(?<!核载|限乘|额定|限载|核定|[0-9一二三四五六七八九十两几百千])(?:好几|好多|很多|许多|一群|一帮|[0-9]+|[一二三四五六七八九十两几百千]+)(?:多|来)?(?:个|名|位|户)?(?:工人|村民|居民|住户|乘客|船员|小学生|学生|孩子|小孩|老人|游客|客人|人)/g,
  ],
  ["weak", /\b\d+\s*(?:ppl|people|passengers)\s+(?:in|on)\s+(?:a\s+)?\d+[\s-]*seat/gi],
  [
    "weak",
    /\b\d+[\s-]*seat(?:er)?s?\s+(?:[a-z]+\s+){0,2}(?:with|carrying|holding|has|had)\s+(?:about\s+|over\s+|like\s+)?\d+\+?\s*(?:ppl|people|passengers|pax)/gi,
  ],
  // People in a body state now (几个老人家头晕咗, workers are vomiting): people caught in it, not a risk factor.
  [
    "event",
    /(?:工人|工友|老人|村民|小孩|孩子|学生|居民|住户|乘客|游客|家人|师傅|好几个|几个|[0-9一二三四五六七八九十两]+个)[^，。,；;\s]{0,5}?(?:头晕|晕了|晕倒|发晕|呕吐|吐了|想吐|喘不过气|呼吸困难|抽搐|昏|站不稳)|\b(?:workers?|people|ppl|kids|children|villagers|residents|students|guys|men|passengers|everyone|several|some of us|we|they|he|she)\b[^.,;]{0,20}?\b(?:(?:is|are|feel|feels|felt|getting|got)\s+)?(?:dizzy|vomiting|throwing up|can't breathe|cannot breathe|struggling to breathe|convulsing|passing out|fainting)\b/gi,
  ],
  [
    "exposed",
    /\b(?:\d+\+?|two|three|four|five|six|seven|eight|nine|ten|dozens of|several|many|lots of|a lot of)\s*(?:[a-z]+\s+)?(?:workers|people|ppl|passengers|children|kids|villagers|residents|students|tourists|miners|men|crew)\b/gi,
  ],
];

/**
 * The patterns written for English alone (no Chinese in them): each of their alternatives spells an English
 * word, so they need a Latin letter to match. A pattern added here that could match without one (digits or
 * punctuation alone) must hold a Chinese character or be kept out of this set.
 */
const NEEDS_LATIN = new Set(PATTERNS.map(([, pattern]) => pattern).filter((pattern) => !pattern.unicode && !/[\u3400-\u9fff]/.test(pattern.source)));
const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff;
const isSpace = (code: number) => code === 32 || code === 9 || code === 0x3000;
/** The text without the spaces that sit between two Chinese characters, and where each kept character stands. */
function compactSpaces(text: string): { compact: string; at: number[] } {
  if (!/[\u3400-\u9fff][ \t\u3000]+[\u3400-\u9fff]/.test(text)) return { compact: text, at: IDENTITY(text.length) };
  const at: number[] = [];
  const kept: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i)) && i > 0 && isCjk(text.charCodeAt(i - 1))) {
      let j = i;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (j < text.length && isCjk(text.charCodeAt(j))) {
        i = j - 1;
        continue;
      }
    }
    kept.push(text[i]);
    at.push(i);
  }
  return { compact: kept.join(""), at };
}
let identity: number[] = [];
function IDENTITY(length: number): number[] {
  if (identity.length < length) identity = Array.from({ length: length * 2 }, (_, k) => k);
  return identity;
}

const TELLS = /^(?:家|们|家们)?\s*(?:讲|说|话|讲话|告诉|反映|讲的|说的)|^\s*(?:say|says|said|told|tell)\b/i;
/** Whether the words from position end are a verb of saying: the person just read is a source. */
function tells(text: string, end: number): boolean {
  return TELLS.test(text.slice(end, end + 8));
}

function cueAt(sentences: number[], clauses: number[], part: Part, quote: string, at: number): Cue {
  return { part, quote, at, sentence: indexOf(sentences, at), clause: indexOf(clauses, at) };
}

function anyWithin(positions: Set<number>, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (positions.has(i)) return true;
  return false;
}

/** Every part found in the text, with its sentence and clause. Exported for tests and explanations. */
export function readCues(text: string): Cue[] {
  const folded = foldDialect(text);
  const sentences = boundaries(folded, SENTENCE_END);
  const clauses = boundaries(folded, CLAUSE_END);
  const cues = scan(SCENE, text).map((h) => cueAt(sentences, clauses, SCENE_PARTS[h.concept], h.quote, h.start));
  const presence = scan(PRESENCE, text).map((h) => cueAt(sentences, clauses, PRESENCE_PARTS[h.concept], h.quote, h.start));
  const weakAt = new Set(cues.filter((c) => c.part === "weak").map((c) => c.at));
  const inServiceAt = new Set(cues.filter((c) => c.part === "in_service").map((c) => c.at));
  // The patterns read the text with SMS spaces between Chinese words taken out (两 个 钟 头 → 两个钟头);
  // at[k] is where compact character k stands in the text.
  const { compact, at } = compactSpaces(folded);
  // None of the patterns is compiled with the u flag, so /i folds no other letter onto a-z: a pattern every
  // branch of which needs a Latin letter cannot match a text without one (most Chinese tips).
  const latin = /[A-Za-z]/.test(compact);
  for (const [part, pattern] of PATTERNS) {
    if (!latin && NEEDS_LATIN.has(pattern)) continue;
    pattern.lastIndex = 0;
    for (let c = nextMatch(pattern, compact); c !== null; c = nextMatch(pattern, compact)) {
      const m = { index: at[c.index], 0: text.slice(at[c.index], at[c.index + c[0].length - 1] + 1) };
      // 还在营业 / 还在开采 is a place left in use, not work pressing on through a danger.
      if (part === "unchecked" && inServiceAt.has(m.index)) continue;
      const end = m.index + m[0].length;
      // A defect in the progressive is under way ("is cracking", "are bending"): that is its hazard,
      // not also its "now", or "some drums are bulging" would be urgent with nobody near.
      const inProgress = pattern === PROGRESSIVE && (DEFORMING.test(m[0]) || anyWithin(weakAt, m.index, end));
      cues.push(cueAt(sentences, clauses, inProgress ? "hazard" : part, text.slice(m.index, end), m.index));
    }
  }
  // A person and a place that puts them in harm's way, in one clause, are people exposed.
  // SMS spacing cuts clauses short (师傅 还在 上面), so a place a few characters away in the same sentence counts too.
  const positionIn = new Map<number, Cue>();
  const positions = presence.filter((q) => q.part === "position");
  for (const q of positions) if (!positionIn.has(q.clause)) positionIn.set(q.clause, q);
  for (const p of presence) {
    const where =
      p.part === "person" ? (positionIn.get(p.clause) ?? positions.find((q) => q.sentence === p.sentence && Math.abs(q.at - p.at) <= NEAR)) : undefined;
    // A person who tells (老人家讲, 听村民说, the villagers say) is the source of the account, not someone in it.
    if (tells(folded, p.at + p.quote.length)) continue;
    if (p.part === "exposed") cues.push(p);
    else if (where) {
      const [from, to] = [Math.min(p.at, where.at), Math.max(p.at + p.quote.length, where.at + where.quote.length)];
      cues.push({ ...p, part: "exposed", quote: to - from <= 12 ? text.slice(from, to) : p.quote });
    }
  }
  return cues;
}
