/**
 * The parts danger.ts composes, as vocabulary. Each part is a kind of fact about the scene, not a
 * phrase that decides on its own: what is happening (event, hazard), who is there (exposed), whether
 * anyone has it in hand (unchecked), when (now, past, habitual) and how sure (hypothetical). English
 * terms are stemmed like every vocabulary term ("leaning", "leans", "leaned" all read "lean"), so
 * one entry covers a verb's forms; the time of an English verb comes from the patterns in danger.ts.
 */
const terms = (...lines: string[]) =>
  lines
    .flatMap((l) => l.split("|"))
    .map((t) => t.trim())
    .filter(Boolean);

export const PART_TERMS = {
  /** How long it has lasted, read by pattern in danger.ts (一个多小时了, for 40 minutes): counts, but never rescues a past clause. */
  duration: [] as string[],
  /** Counted repetitions (困人三次, twice), read by pattern in danger-read.ts: a record, silencing its own clause like a past marker. */
  repeated: [] as string[],
  /** People caught in it: acute on its own (score 3). */
  event: terms(
    "晕倒|昏倒|昏迷|晕过去|晕了过去|不省人事|有人流血|流血|没出来|没有出来|fainted|unconscious|passed out|bleeding",
    "钻进管道|钻进罐|钻进池|钻进井|钻进去了|已经在里面了|人在管道里|in the pipe now|inside the tank now|触电了|被电到|电到人|还趴在|躺在地上|躺地上|一动不动|躺着不动|还在流血|流了好多血|流了很多血|压在车下|腿压在|electrocuted|lying on the ground|lying there|bleeding|not moving|叫不醒|喊不醒|叫不应|不呼吸|not responding|unresponsive|not breathing|夹住|夹着脚|卷进去|绞住|被卷入|掉进罐|掉进池|关住人|关住了|困住人|电梯关住|困人|关人|关了人|困了人|卡人|掉海里|掉进海里|掉进|掉下去了|落海|被困|困在|困住|被埋|埋了人|没上来|还没出来|没有出来|出不来|下不来|还没放下来|卡在半空|卡在空中|卡在半|悬在半空|吊在半空|刚出事",
    "被堵在|堵在里面|堵在下面|堵在井下|堵在洞里|被封在|封在里面|被关在|关在里面|里面关着|人关在|困着|压在下面|被压住|压住了|埋在下面|埋在里面|上不来|没逃出来|没跑出来|还没救出来|救不出来|没救出来|还没出来人",
    "晕在|昏在|倒在里面|倒在下面|倒在池|倒在罐|倒在井|躺在下面|叫不应|喊不应|喊了没反应|下去救|进去救|下去拉|下去捞|还想下去|要下去救|准备下去救|盲目施救",
    "被冲走|冲走了|被水冲走|被卷走|卷走了|落水|掉进水里|掉水里|掉进河里|掉河里|掉江里|掉进江里|溺水|沉下去了|没浮上来|没捞上来|还没捞到|还没找到|没找到人|找不到人|人不见了|下落不明|失踪",
    "正在泄漏|正在漏|还在漏|一直在漏|往外滴|往外冒|往外渗|冒烟|冒黑烟|冒白烟|起火了|着火了|烧起来了|火很大|嘶嘶",
    "闻到燃气|燃气味|煤气味|天然气味|液化气味|闻到煤气|透水了|瓦斯超了|瓦斯超限|报警器响|报警器一直响|正在坍塌|塌下来了",
    "trapped|stuck inside|stuck in the|stuck between|on fire|is burning|smoke pouring|leaking now|smell gas|smells of gas|gas smell|collapsing|help us",
    "smoke smell|smell of smoke|smell smoke|burning smell|smell burn|alarm ring|alarm is ring|alarm go off|alarms go off|alarm keep|alarm going off|alarms going off|alarm is going off|alarm is sounding|alarms are sounding|alarm still sounding|alarm beeping|alarm keeps going off",
    "can't get out|cannot get out|can not get out|couldn't get out|still inside|still down there|buried under|pinned under|can't escape|cannot escape",
    "passed out inside|passed out down|collapsed inside|went in to rescue|going in to rescue|go down to rescue",
    "fell in|jumping in|jumped in|jump in to|pull him out|pull her out|under the water|underwater|swept away|washed away|fell overboard|overboard|drowning|fell into the river|fell into the water|went missing|gone missing|still missing|unaccounted for|haven't found|have not found|can't find him|can't find them|cannot find him|cannot find them",
  ),
  /** A dangerous process under way (score 2). */
  hazard: terms(
    "翻在|翻到|打滑|在溜|都在溜|溜车|往下溜|发红|烧红|漫到|快漫|要漫|溢出|快满了|往上涨|一直涨|每天都在变|一天比一天|碰到高压线|碰到电线|挂到电线|打到电线|swerv|skid|crash|on its side|red hot|glowing|hit the power line|hit powerline|hit a power line|hit the powerline|overflowing",
    "往下滚|一直往下滚|往下掉|一直往下掉|掉石头|石头掉下来|漏铝水|漏钢水|漏铁水|铝水漏|钢水漏|跑铝|跑钢|船进水|入了水|进了水|打转|舀水|晃下晃下|晃啊晃|卡在半空|卡了在半空|挂在上面|点了引线|点引线|引线点了|还在推|挖机在推|直接推|coming out of|white cloud|gas cloud|vapour cloud|vapor cloud|torn loose|came loose|coming loose|swinging|stopped halfway|stuck halfway|halfway up|bangs nonstop|nonstop|non-stop|往外倒|往下倒|往里倒|准备放炮|要放炮|马上放炮|准备爆破|在装药|装药了|正在装药|撞了人|撞到人|被撞|撞伤|爆了|火好大|火势|大火|着火|失火|失控|起火|冒黄烟|冒浓烟|摔下来|摔下去|坠落|撞了|摇摇晃晃|摇晃|晃来晃去|踩踏|挤倒|被挤|crush|stampede|fell from|冒汽|冒蒸汽|爆表|超压|压力超|steam|水就快入|水快入|入来|水入船|水漫进|快沉|要沉了|往下沉|翻了|味道还很|好大味|好臭|好呛|味好大|气味大|味大|味道大|味很大|味很重|泄漏|漏气|漏了|在漏|氨味|味道很冲|刺鼻|眼睛辣|白烟|黑烟|浓烟|冒了|塌了|坍塌|垮塌|往下掉|掉石头|掉土|掉渣|掉下来|砸下来|往下砸",
    "砸穿|砸到|砸中|砸坏|砸下|飞石|石头飞|在晃|晃动|晃得|挂在半空|咔咔响|透水|瓦斯超|会炸|要炸|炸了|爆炸|嘭的一声|轰的一声|侧翻|中毒|窒息",
    "烧焦|焦味|糊味|焦糊|汽油味|柴油味|化学味|臭味|气味很大|味道很大|味道很重|呛得|呛人|熏得|爆开|爆裂|崩开|喷出|淌了一地|流了一地|漏了一地|洒了一地",
    "往下陷|下陷|塌陷|陷下去|往外鼓|鼓出来|鼓包|煤炮|异响|咔咔|往下滑|滑下来|漫过|漫水|漫顶|涌水|冒水|进水|灌进",
    "变形|弯了|压弯|弯下去|往下沉|下沉|沉降|歪了|往一边倒|要倒|快倒|倒了|垮了|撑不住|顶不住",
    "倒在|倒下|没反应|没气了|卡住|卡在|停在半|车翻了|翻车了|翻下去|滚下来|滚到路|塌方|冒顶|片帮|滑坡|翻船|船翻了",
    "越裂越|越来越大|越来越宽|越来越歪|越来越斜|越来越多水|越来越浓|越来越重|getting bigger|getting wider|getting worse|widening",
    "water is coming|water coming in|water coming over|taking on water|taking water|about to blast|flipped|flip over|overturn|fire in|fire on|a fire|fire at|blaze|smoke now|smoke is|there is smoke|there's smoke|smoke everywhere|smoke from|hanging in|dangling|suspended in|leak|smoke coming|smoke pouring|full of smoke|thick smoke|black smoke|white smoke|see smoke|caught fire|flames|fire broke|fire is|collaps|fume|explod|explosion|spreading|sinking|subsiding|gushing|burst|stuck|hissing|sparking",
    "capsized|landslide|giving way|coming down|falling|dripping|pouring out|flooding|water coming",
    // Water at the brim, a level rising, gas that smells of rotten eggs, a structure already bent.
    "rising fast|drifting toward|drifting towards|blowing toward|blowing towards|飘向|飘过来|往这边飘|往村里飘|water is rising|water rising|rising water|water level is rising|at the crest|near the crest|almost at the top of the dam|about to overflow|overtopp|spilling over|rotten egg|already bent|props are bent|buckled|臭鸡蛋|鸡蛋味|好浓|很浓|浓得|漏油|漏液|漏酸|漏碱|漏氨|漏料|渗油|冒着|漏着|喷着|烧着|晃着|滴着|淌着|水在涨|水涨得|涨得好快|涨得很快",
  ),
  /** A standing defect or a risk factor, which becomes acute only with more parts (score 1). */
  weak: terms(
    "水好急|水太急|刹车不灵|刹车不好|刹不住|没支护|无支护|没有支护|吃水好深|吃水深|贴水面|快贴水|brakes not working|brake not working|no brakes|no life jackets",
    "松了|没测一氧化碳|没测气|没有测气|没检测气体|no gas test|without gas test|no gas detector|塞了|挤了|关不严|关不上|门关不|水好大|水很大|水太大|涨水|洪水|水流很急|水很急|救生衣不够|没穿救生衣|没有救生衣|不穿救生衣|没救生衣|船身好低|船身很低|吃水很深|开得好快|开得很快|飙车|超速|断了|条缝|锁死|锁住|锁着|铁链|堵死|封死|包住|被包|屏蔽|拔掉|短接|拆了报警|关掉报警|裂缝|裂开|裂了|开裂|松动|渗水|渗浑水|倾斜|歪|斜了|超载|超员|超限|塞满|挤满|坐满|站满|台风|暴雨|大雨|咳嗽|头晕|头痛|恶心|喘不过气",
    "打哈欠|直打哈欠|driving since|keeps yawning|yawning|can barely keep his eyes open|喝醉|醉驾|酒驾|喝了酒|喝酒|一身酒气|酒气|打瞌睡|瞌睡|睡着|疲劳驾驶|连续开|没休息|刹车坏|刹车失灵|没刹车|方向盘",
    "fan stopped|fan has been stopped|fan is off|ventilation stopped|no ventilation|主扇停|风机停|局扇停|停风|smell|stink|high water|fast current|no life jacket|without life jacket|speeding|wobbl|locked|chained|covered the sensor|disabled|bypassed|crack|lean|tilt|sway|overload|overcrowd|too many passengers|far too many|too many people|twice the allowed|packed|crammed|typhoon|storm|dizzy|dizziness|headache|cough|vomit|nause",
    "drunk|drink|alcohol|asleep|dozing|doze off|nodding off|exhausted|fatigue|no rest|without rest|brakes fail|brake fail|no brake",
    "going fast|driving fast|too fast|way too fast|heavy rain|pouring rain|raining hard|rain is continuing|still raining|stacked too high|piled too high|way too high|standing in the aisle|sitting on top|riding on top|on the roof of the|spillway is blocked|blocked spillway|车顶上坐|坐在车顶|站在车斗|堆得好高|堆得太高|装得太高",
  ),
  /** People where it can hurt them, now (score 1). */
  exposed: terms(
    "楼里面还有|山脚还有|还有人放牛|行不动|走不动|行不郁|老人|old mother|elderly|workers inside|people inside|细路|细佬|企满人|站满人|坐满人|满人|过道都|一车人|满车|满场|满员|人很多|好多人|很多人|全是人|都是人|几百人|上百人|几十人|几十个人|人挤人",
    "小孩|孩子|小朋友|学生|幼儿园|学校门口|校门口|乘客",
    "on board|aboard|passengers|children|kids|pupils|students|crowd|full of people|dozens of people|hundreds of people|cars passing|traffic passing|cars going past|passing right by|people walking|pedestrians|passersby|passers-by|tour groups|taking groups",
    "车还在过|车在过|车来车往|人来人往|行人|路人|过路的人|来来往往|行来行去|走来走去",
  ),
  /** Nobody has it in hand: work goes on, no one leaves, no one answers (score 1). */
  unchecked: terms(
    "没人撤|无人撤|没有撤|说不用理|叫别理|没人通知",
    "不让停|不给停|不准停|不使理|不用理|继续做|照样做|没人拉警戒|没人喊|听不见|没人来|还没走|仲未走|还未走|未走完|还在干|继续干|接着干|照样干|还在浇|继续浇|还在打|还在施工|继续施工|不停工|不停产|不停车|没停|不肯停|没人停|叫继续|还叫继续|说没事|强令|不撤|没撤|不让撤|不准撤|不许撤|没疏散|没人疏散|没人理|没人拦|没人应|不让打120|不让叫救护车|没打120|不叫救护车|没人敢|没人识|还未做出|还没做出|还没弄出|没有警戒|没警戒|没人警戒|没人救|没人接|没人来|还没到|还没来|没有撤|都没撤|没撤离|没人过来|不接电话|打不通|联系不上|敲门没人|没报警|没有报警|不报|不让报|不准报|不让声张|还在开|还在跑|照样开|还要开|马上要开|准备开",
    "nobody's stopping|no one's stopping|still working|keep working|kept working|carry on|carrying on|still pouring|keep pouring|not been stopped|hasn't been stopped|ignore it|ignore the alarm|told to ignore|says ignore|said to ignore|still taking groups|still letting people|still sending|nobody answer|nobody came|nobody stop|nobody is stopping|nobody doing|no one answer|no one came|no one stop|no one is stopping|not answering|won't call|will not call|no ambulance|cannot reach|can't reach|no warning|without warning|not evacuat|won't stop|will not stop|refuse|not answering|no answer|nobody answer|hasn't stopped|has not stopped|didn't stop|still driving|keeps driving|still running",
  ),
  /** The time is now (score 1). */
  now: terms(
    "这几天|这两天|刚开|刚出|刚走|these days|past few days",
    "minutes ago|分钟前|刚刚|正往|正开|已经在|现在|正在|刚刚|刚才|刚有|刚发生|刚出了|此刻|此时|这会儿|眼下|今晚|今天|今早|马上|立即|立刻|而家|依家|宜家|还在|仍在|仍有|一直在|还一直|不停|越来越|到现在|人还在|还有人|还有工人|还有乘客|还有学生|还有小孩|还有孩子|还有老人|还有村民|还有客人|还有玩家|还有游客",
    "rn|atm|nw|now|just|right now|just now|currently|at the moment|tonight|this morning|as we speak|happening now|at this moment|still|for an hour|for hours|an hour|half an hour|minutes now",
  ),
  /** The reporter begs for help now (score 1). */
  plea: terms(
    "速来|速派|急急|十万火急|快啲|快d|快来|快去|快拦|快叫|求快|快派|快点|赶紧|马上派|马上去|立即派|请立即|情况紧急|紧急|救命|救救|求求|求你们|叫救援|派救援|请求救援|怎么办",
    "pls come|plz come|pls hurry|plz hurry|pls help|plz help|sos|help|hurry|this is an emergency|urgent|send someone|come quickly|please come|asap",
  ),
  past: terms(
    "this month|this year|earlier this month|earlier this year|上礼拜|上个礼拜|上个星期|上两个礼拜|上个月|上月|上周|上星期|去年|前年|以前|之前|曾经|那次|上次|前几天|前些天|前阵子|昨天|昨晚|前天|当时|那时",
    "got|was|were|last month|last year|last week|used to|yesterday|last night|days ago|weeks ago|months ago|years ago|back in|at the time|previously|in the past",
  ),
  habitual: terms(
    "成日|成晚|日日|每趟|每回|每次都|一般都|平时|有的时候|有些时候|有时候|多次|屡次|到现在也没|到现在都没|至今没|至今未|至今也没|经常|天天|每天|总是|常常|常年|长年|长期|每次|习惯|一向|向来|这半年|这几个月|这一年|这两年|这几年|近半年|近几个月|近一年|半年来|几个月来|一年来|多年来|好几个月|好几年|半年多了|一年多了|几个月了",
    "every day|every night|every week|all the time|for months|for weeks|for years|often|always|usually|over the past months|over the last few months|over the past year|for a long time",
  ),
  /** Equipment or premises left in use: a standing defect, not an emergency unfolding. */
  in_service: terms(
    "rents the rooms|rents rooms|rents the room|rents out rooms|rents it to|rents them to|rented to|renting rooms|还在上课|照常上课|还在住人|照样住人|车停在|停在停车场|车停着|租给|出租给|还在照常|仍在开采|还在开采|仍在生产|至今仍|还在开放|还在营业|还在卖票|还在使用|还在用|照常营业|照常开放|照样营业|照样开放|照样使用|继续使用|继续营业|继续开放|带病运行",
    "还在出租|还在往外租|还在租|照样出租|继续出租|接着挖|接着开采|继续开采|继续生产|恢复生产|照常生产|照样生产",
    "still having class|still have class|still hold class|still teaching|still living in|is parked|are parked|rented out|renting it out|still open|still in use|still operat|still run|still use|still rent|still let|still sell|still taking booking|still taking order|still taking customer|still taking guest|keeps operating",
  ),
  /** A fear or a condition, not an event: 万一塌了谁都跑不出来. */
  hypothetical: terms(
    "一下雨就|下雨就|下大雨就|一落雨就|落雨就|落大雨就|一刮风就|刮大风就|whenever it rains|when it rains|every time it rains|万一|要是|如果|假如|假设|一旦|迟早|早晚|早晚会|会不会|就怕|真出事|真要出事|真出了事|出了事|到时候|哪天",
    "if|in case|what if|could|might|would|can explode|may explode|can collapse|may collapse|sooner or later|waiting to happen|one day",
  ),
  /** The reporter says it is over or in hand (已经出院, 现在没事, 闻不到, evacuated): silences its sentence. */
  resolved: terms(
    "已经出院|出院了|没事了|现在没事|已经没事|没什么大事|还没出事|没出事|没什么事|修好了|已经修好|已经处理|处理好了|已处理|闻不到|已经疏散|已疏散|已撤离|已经撤离|拉了警戒线|换了阀|已经救出|救出来了",
    "arrived ok|arrived safely|got back safely|made it back|平安到了|安全到了|no one was hurt|nobody was hurt|nobody got hurt|everyone is out|everyone got out|has been fixed|was fixed|already fixed|everyone was evacuated|were all evacuated|cordoned off|is under control",
  ),
  /** Something that burns or explodes in bulk: beside a flame or a spark it is a hazard by itself. */
  fuel: terms("汽油|柴油|油罐|储罐|油库|天然气|液化气|煤气罐|粉尘|硫磺|易燃|油漆|稀料|tanker|petrol|gasoline|diesel|solvent|flammable|dust"),
  /** A risk named, not an event (存在坍塌危险, a fire hazard): silences its own clause only. */
  risk: terms("存在|危险|隐患|风险|risk|danger|hazard"),
  /** Lost contact: an event only where people can be lost (below). */
  missing: terms("失联|联系不上|联系不到|没有消息|没消息|还没回来|没上来人|lost contact|no contact|haven't come back|not come back|no word from"),
  whereabouts: terms(
    "井下|下井|矿里|矿下|井里|洞里|坑里|水里|河里|江里|海上|池里|罐里|山里|在里面|在下面|进去|下去",
    "underground|down there|at sea|in the water|on the river|down the pit|in the tank|went in|went into|went down|gone in|gone down|into the tank|into the pit|into the well|into the river",
  ),
  /** Who and where: a person and a place where harm reaches them, in one clause, make "exposed". */
  person: terms(
    "人|工人|工友|师傅|矿工|民工|员工|司机|家人|老公|弟弟|哥哥|爸爸|儿子|邻居|一家|老人|村民|村子|村|屯|住户|居民|游客|客人|玩家|顾客|船员|乘客",
    "guys|folks|workmen|labourer|laborer|we|ppl|crew member|truck|vehicle|worker|people|person|men|miner|crew|driver|someone|somebody|family|neighbour|neighbor|my husband|my brother|my son|my father|villager|village|resident|tourist|visitor|elderly",
  ),
  position: terms(
    "甲板|车顶|船头|on the deck|on deck|on the roof|on the ground|on ground|through it|in it",
    "井里|池里|罐里|坑里|水里|洞里|里面|里头|入面|上面|下面|底下|坑底|坑里|井下|车上|船上|楼上|楼里|屋里|家里|在家|架上|架子上|顶上|半空|旁边|附近|下游|坝下|对面|隔壁",
    "floor|cabin|inside|on it|on top|on the scaffold|under it|underneath|below|beneath|in there|down there|upstairs|nearby|next to it|next door|on the platform|downstream|behind it|right by it|right next to",
  ),
  /** Blasting materials proper (not fireworks): beside children they are a hazard by themselves. */
  detonator: terms("炸药|雷管|导爆索|导火索|炸要|雷官|detonator|dynamite|explosive|blasting cap"),
  explosive: terms("炸药|雷管|导爆索|导火索|炸要|雷官|烟花|鞭炮|爆竹|火药|explosive|dynamite|detonator|blasting cap|firework"),
  /** Names that contain a hazard word but are equipment or rules (fire exit, smoke detector): they shadow it. */
  shadow: terms(
    "fire exit|fire door|fire extinguisher|fire alarm|fire safety|fire hazard|fire escape|fire lane|fire truck|fire brigade|fire station|fire hydrant|fire department",
    "打着火|点着火|smoke detector|smoke alarm|smoke vent|no smoking|smoking area|smoking room",
  ),
  /** A smoker beside fuel or fireworks: a standing violation the writers do not call an emergency. Not a flame. */
  smoker: terms("抽烟|吸烟|食烟|smoking|smokes|cigarette"),
  /** Children, who handle what they find: explosives beside them are a hazard by themselves. */
  child: terms("细路|细佬|小孩|孩子|小朋友|小学生|学生|学校门口|校门口|幼儿园|kid|kids|child|children|school gate|schoolchildren"),
  flame: terms(
    "明火|点火|烧火|烤火|火星|动火|焊接|电焊|气割|切割|打雷|雷电|闪电|打火机|烧纸|烧香|烧垃圾|点燃|点着|lighting them|lighting it|lit them|lighting fireworks|setting off|set them off|burning paper|burning incense|burning rubbish|burning trash|open flame|lighter|thunderstorm|welding|cutting torch|grinding|sparks",
  ),
};

export type Part = keyof typeof PART_TERMS;
