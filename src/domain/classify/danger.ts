import { compileLexicon, scan } from "./lexicon.js";

export interface DangerAssessment {
  urgent: boolean;
  /** The words that made the tip urgent, as the reporter wrote them. */
  evidence: string[];
}

/**
 * Immediate danger means people are at risk now, so the tip escalates and alerts at once. Words of
 * danger alone are not enough — tips often recount last month's fire or a habitual leak — so the
 * detector reads each sentence for danger together with its time:
 * - ACUTE: the situation is unfolding (被困, 冒烟, 闻到燃气味) or the reporter begs for help now (快来);
 * - HAZARD: a dangerous state (裂缝, 晃动, 泄漏) that is urgent only when said to be happening now;
 * - NOW / ONGOING: time words; ONGOING (还在, still) does not outweigh a past marker, NOW does;
 * - PAST / HABITUAL: 上个月, 去年, 经常, 这半年 — a past or routine account, urgent only with a NOW word;
 * - IN SERVICE: 还在营业, 接着干, 还在往外租 — a standing defect left in use: it keeps a HAZARD from
 *   being urgent, but not an ACUTE event (people trapped in a ride that is "still open" are still trapped);
 * - HYPOTHETICAL: 万一, 要是, 迟早 — a fear, not an event: danger words in that clause do not count;
 * - MISSING: 失联, 联系不上 — acute only beside a place people can be lost in (井下, 水里, 里面),
 *   because "the boss cannot be reached" is a complaint, not an emergency;
 * - EXPLOSIVE next to FLAME in one sentence (fireworks sold beside smokers) is acute by itself.
 */
const CUES = {
  acute: [
    "被困|困在|困住|被埋|埋了人|没上来|还没出来|没有出来|出不来|下不来|还没放下来|卡在半空|卡在空中",
    "正在泄漏|正在漏|还在漏|一直在漏|往外滴|往外冒|往外渗|冒烟|冒黑烟|冒白烟|起火了|着火了|烧起来了|火很大|嘶嘶",
    "闻到燃气|燃气味|煤气味|天然气味|液化气味|闻到煤气|透水了|瓦斯超了|瓦斯超限|报警器响|报警器一直响|正在坍塌|塌下来了",
    "快来|快去|快拦|快叫|求快|快派|快点来|赶紧派|马上派|马上去|立即派|请立即|情况紧急|紧急举报|救命",
    "trapped|stuck inside|on fire|is burning|smoke pouring|leaking now|smell gas|smells of gas|gas smell|collapsing|help us|send someone now",
    // Someone asking for rescue now, or an accident that has just happened.
    "快点叫|快点来|快点派|快点去|你们快点|快救人|快救救|救救|叫救援|派救援|请求救援|求求你们|求你们|赶紧打电话|赶紧来|赶紧叫|刚出事|卡在半|悬在半空|吊在半空",
    "smoke smell|smell of smoke|smell smoke|burning smell|smell burn|alarm ring|alarm is ring|alarm go off|alarms go off|alarm keep|call rescue|send help|please hurry|come quickly|emergency now|this is happening now",
    // People shut in, buried or pinned where they cannot get out by themselves.
    "被堵在|堵在里面|堵在下面|堵在井下|堵在洞里|被封在|封在里面|被关在|关在里面|里面关着|人关在|困着|压在下面|被压住|压住了|埋在下面|埋在里面|上不来|没逃出来|没跑出来|还没救出来|救不出来|没救出来|还没出来人",
    "can't get out|cannot get out|can not get out|couldn't get out|still inside|still down there|buried under|pinned under|can't escape|cannot escape",
    // Someone down in a pit or tank now, and others about to follow them in without protection.
    "晕在|昏在|倒在里面|倒在下面|倒在池|倒在罐|倒在井|躺在下面|叫不应|喊不应|喊了没反应|下去救|进去救|下去拉|下去捞|还想下去|要下去救|准备下去救|盲目施救|passed out inside|passed out down|collapsed inside|went in to rescue|going in to rescue|go down to rescue",
    // Swept away or fallen into water, and people not yet found.
    "被冲走|冲走了|被水冲走|被卷走|卷走了|落水|掉进水里|掉水里|掉进河里|掉河里|掉江里|掉进江里|溺水|沉下去了|没浮上来|没捞上来|还没捞到|还没找到|没找到人|找不到人|人不见了|下落不明|失踪|swept away|washed away|fell overboard|overboard|drowning|fell into the river|fell into the water|went missing|gone missing|still missing|unaccounted for|haven't found|have not found|can't find him|can't find them|cannot find him|cannot find them",
  ],
  hazard: [
    "泄漏|漏气|漏了|在漏|氨味|味道很冲|刺鼻|眼睛辣|咳嗽|白烟|黑烟|浓烟|冒了|塌了|坍塌|垮塌|裂缝|裂开|裂了|渗水|渗浑水|往下掉|掉石头|掉土|掉渣",
    "歪了|倾斜|在晃|晃动|晃得|挂在半空|咔咔响|透水|瓦斯超|超员|会炸|要炸|炸了|爆炸|嘭的一声|轰的一声|侧翻|超载|晕倒|中毒|窒息|锁死|锁住|台风|暴雨",
    "leak|leaking|smoke|fire|crack|cracking|collapse|tilting|swaying|overcrowded|fumes|explosion",
    // Smells that spread, things that burst, ground that moves, people who dropped.
    "烧焦|焦味|糊味|焦糊|汽油味|柴油味|油味|化学味|臭味|气味很大|味道很大|味道很重|呛得|呛人|熏得|爆开|爆裂|崩开|喷出|喷出来|淌了一地|流了一地|漏了一地|洒了一地",
    "往下陷|下陷|塌陷|陷下去|往外鼓|鼓出来|鼓包|煤炮|异响|在响|咔咔|开裂|松动|往下滑|滑下来|漫过|淹了|进水",
    "倒在|倒下|昏倒|昏迷|晕过去|不省人事|没反应|没气了|卡住|卡在|停在半|不让撤|不准撤|不许撤|不让走|不让上来|车翻了|翻车了|翻下去|滚下来|滚到路",
    "overload|too many passengers|twice the allowed|spread|spreading|sinking|subsiding|gushing|burst|fainted|collapsed|unconscious|stuck|hissing|sparking|stalled",
    "塌方|冒顶|片帮|滑坡|翻船|船翻了|passed out|capsized|landslide",
  ],
  now: "现在|正在|刚刚|刚才|刚有|刚发生|刚出了|此刻|此时|这会儿|眼下|今晚|今天|今早|马上|立即|立刻|right now|just now|currently|at the moment|tonight|this morning|as we speak|happening now|at this moment|urgent|hurry|emergency",
  ongoing:
    "还在|仍在|仍有|一直在|还一直|不停|越来越|到现在还|从早上|从昨晚|从中午|从下午|还有人在|还有工人|人还在|still|right now|" +
    // People still inside, not just "there is still a crack up there" (上面还有一道裂缝).
    ["里面", "下面", "上面", "井下", "洞里"].flatMap((at) => ["有人", "有工人", "有一个人", "有一名", ...[..."二三四五六七八九十两几好很"].map((n) => "有" + n)].map((w) => at + "还" + w)).join("|"),
  past: "上个月|上月|上周|去年|前年|以前|之前|曾经|那次|上次|last month|last year|last week|used to",
  habitual:
    "经常|天天|每天|总是|常常|常年|长年|长期|每次|every day|every night|every week|all the time|for months|for weeks|for years|often|always|" +
    // A condition that has been growing for months is a standing danger, reported as such.
    "这半年|这几个月|这一年|这两年|这几年|近半年|近几个月|近一年|半年来|几个月来|一年来|多年来|好几个月|好几年|半年多了|一年多了|几个月了|好几个月了|over the past months|over the last few months|over the past year|for a long time",
  /** Equipment or premises left in use: a standing defect, not an emergency unfolding. */
  in_service:
    "还在开放|还在营业|还在卖票|还在使用|还在用|照常营业|照常开放|照样营业|照样开放|照样使用|继续使用|继续营业|继续开放|带病运行|" +
    "还在出租|还在往外租|还在租|照样出租|继续出租|接着干|接着挖|接着开采|继续干|照样干|照干|继续开采|继续生产|恢复生产|照常生产|照样生产|继续施工|照常施工|照样施工|" +
    "still open|still in use|still operating|still run|still rent|still let|still sell|still taking|keeps operating|carries on|carry on working",
  /** A fear or a condition, not an event: 万一塌了谁都跑不出来. */
  hypothetical:
    "万一|要是|如果|假如|假设|一旦|迟早|早晚|早晚会|会不会|就怕|真出事|真要出事|真出了事|出了事|到时候|if|in case|what if|could|might|would|sooner or later|waiting to happen",
  /** Lost contact: an emergency only where people can be lost (below). */
  missing: "失联|联系不上|联系不到|没有消息|没消息|还没回来|没上来人|lost contact|no contact|not answering|can't reach|cannot reach|haven't come back|not come back|no word from",
  whereabouts:
    "井下|下井|矿里|矿下|井里|洞里|坑里|水里|河里|江里|海上|池里|罐里|山里|在里面|在下面|进去|下去|underground|inside|down there|at sea|in the water|on the river|down the pit|in the tank|went in|went into|went down|gone in|gone down|into the tank|into the pit|into the well|into the river",
  explosive: "炸药|雷管|烟花|鞭炮|爆竹|火药|explosive|dynamite|firework",
  flame: "抽烟|吸烟|明火|点火|烧火|烤火|火星|smoking|open flame|lighter",
  /** Blasting materials proper (not fireworks): in children's hands or at a school gate they are acute. */
  detonator: "炸药|雷管|导爆索|导火索|炸要|雷官|detonator|dynamite|explosive|blasting cap",
  child: "小孩|孩子|小朋友|小学生|学生|学校门口|校门口|幼儿园|kid|kids|child|children|school gate|schoolchildren",
};

const GROUPS = [
  "acute", "hazard", "now", "ongoing", "past", "habitual", "in_service", "hypothetical", "missing", "whereabouts",
  "explosive", "flame", "detonator", "child",
] as const;
type Group = (typeof GROUPS)[number];
const groupTerms = (g: Group) => [CUES[g]].flat().flatMap((line) => line.split("|"));
const LEXICON = compileLexicon(GROUPS.map(groupTerms));

/** A danger word and a time word must share a sentence to be read together. */
const SENTENCE_END = /[。！？!?；;\n]|\.\s/g;
/** A past marker only settles its own clause: 去年塌了一次，现在又在挖 is not a collapse now. */
const CLAUSE_END = /[。！？!?；;\n，,：:]|\.\s/g;

function boundaries(text: string, pattern: RegExp): number[] {
  const starts = [0];
  for (const m of text.matchAll(pattern)) starts.push(m.index! + m[0].length);
  return starts;
}

function indexOf(starts: number[], position: number): number {
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1] <= position) i++;
  return i;
}

type Cue = { group: Group; quote: string; clause: number };

function urgentWords(cues: Cue[]): string[] {
  const clauseHas = (clause: number, ...groups: Group[]) =>
    cues.some((c) => c.clause === clause && groups.includes(c.group));
  // Danger told in a past, routine or hypothetical clause, with no "now" beside it, is a recollection or a fear.
  const live = cues.filter(
    (c) =>
      !(c.group === "acute" || c.group === "hazard" || c.group === "missing") ||
      !clauseHas(c.clause, "past", "habitual", "hypothetical") ||
      clauseHas(c.clause, "now"),
  );
  const words = (...groups: Group[]) => live.filter((c) => groups.includes(c.group)).map((c) => c.quote);
  const settled = words("past", "habitual").length > 0;
  const inService = words("in_service").length > 0;
  const current = words("now").length > 0 || (words("ongoing").length > 0 && !settled && !inService);
  // Lost contact with people who are somewhere they can be lost (井下, 水里) is as acute as being trapped.
  const lost = words("whereabouts").length > 0 ? live.filter((c) => c.group === "missing") : [];
  const unsettled = !settled || current;
  if (unsettled && words("explosive").length > 0 && words("flame").length > 0) return words("explosive", "flame");
  // Detonators or explosives with children in the same clause: children handling them, or left at a school gate.
  const childClauses = new Set(live.filter((c) => c.group === "child").map((c) => c.clause));
  const nearChild = live.filter((c) => c.group === "detonator" && childClauses.has(c.clause));
  if (unsettled && nearChild.length > 0) return [...nearChild.map((c) => c.quote), ...words("child")];
  if ((words("acute").length > 0 || lost.length > 0) && (!settled || current)) {
    return [...words("acute"), ...lost.map((c) => c.quote), ...words("hazard", "now")];
  }
  if (words("hazard").length > 0 && current) return words("hazard", "now", "ongoing");
  return [];
}

export function detectImmediateDanger(text: string): DangerAssessment {
  const sentenceStarts = boundaries(text, SENTENCE_END);
  const clauseStarts = boundaries(text, CLAUSE_END);
  const sentences = new Map<number, Cue[]>();
  for (const hit of scan(LEXICON, text)) {
    const s = indexOf(sentenceStarts, hit.start);
    const cues = sentences.get(s) ?? [];
    cues.push({ group: GROUPS[hit.concept], quote: hit.quote, clause: indexOf(clauseStarts, hit.start) });
    sentences.set(s, cues);
  }
  const evidence = new Set<string>();
  for (const cues of sentences.values()) for (const w of urgentWords(cues)) evidence.add(w);
  return { urgent: evidence.size > 0, evidence: [...evidence] };
}
