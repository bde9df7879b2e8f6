import type { SectorCode } from "../sectors.js";

/**
 * The classifier's knowledge, as data. A concept is one idea in several wordings (Chinese, English,
 * common slips); it votes for one or more sectors with a weight: 1 a hint, 3 typical of the sector,
 * 5–6 decisive on its own. Terms come from the seeds' per-sector violation lists (超能力超强度超定员,
 * 三超一改, 堵塞消防车通道…) and from how people actually write tips. English terms are plain lower-case
 * words, stemmed at compile time. A leading "=" asks for a word-boundary check (see matcher.ts).
 * Concepts with no weights exist only as context for the modifiers in context.ts.
 */
export interface Concept {
  id: string;
  weights: Partial<Record<SectorCode, number>>;
  terms: string[];
}

const c = (id: string, weights: Concept["weights"], terms: string): Concept => ({
  id,
  weights,
  terms: terms
    .split("|")
    .map((t) => t.trim())
    .filter(Boolean),
});

export const CONCEPTS: readonly Concept[] = [
  // 煤矿 — 超能力/超强度/超定员, 一通三防, 水害, 顶板, 机电运输 (seed 000).
  c(
    "coal_mine",
    { coal_mine: 6 },
    "煤矿|煤窑|小煤窑|煤井|煤业|采煤|出煤|挖煤|运煤|煤层|煤巷|煤壁|煤炭开采|coal mine|colliery|coal pit|coal seam|挖炭|炭窑|炭井|炭洞|炭矿|煤洞|煤窿|媒矿|媒窑|煤老板|回风巷|进风巷|煤炮|冲击地压|煤与瓦斯突出|瓦斯突出|自救器|coal miner|coal company|coal mining|coalmine|coalmines",
  ),
  c("coal_word", { coal_mine: 2 }, "煤|coal"),
  c("coal_overproduction", { coal_mine: 4, fireworks: 0.5 }, "超能力|超强度|五假五超|三瞒三不|隐瞒产量|超产|overcapacity|over capacity|overproduction"),
  c("over_manning", { coal_mine: 2, fireworks: 2 }, "超定员|over manning|too many workers underground|人员定位|定位卡|下井卡|入井登记|挂两张卡"),
  c("gas_methane", { coal_mine: 5 }, "瓦斯|甲烷|瓦斯探头|瓦斯传感器|瓦斯超限|一通三防|methane|firedamp|mine gas"),
  c("gas_check", { coal_mine: 4 }, "瓦检员|瓦检|瓦斯员|查瓦斯|测瓦斯|一炮三检|三人连锁|炮泥|水炮泥|封泥|gas inspector"),
  c("gas_measure", { coal_mine: 2, industry_trade: 1.5 }, "查气|测气|gas check|gas checker"),
  // The Chinese jargon of local ventilation (局扇, 风筒) is a coal miner's; a "ventilation fan" may be any mine's.
  c("coal_ventilation", { coal_mine: 3, non_coal_mine: 1 }, "局扇|局部通风机|风筒|反风|微风|无风作业"),
  c("mine_ventilation", { coal_mine: 3, non_coal_mine: 1 }, "主扇|通风机|ventilation fan|vent duct|air duct"),
  c("coal_dust", { coal_mine: 3, industry_trade: 1 }, "煤尘|煤粉|coal dust"),
  c(
    "water_inrush",
    { coal_mine: 3, non_coal_mine: 1.5 },
    "透水|突水|探放水|有疑必探|先探后掘|老空区|老空水|老窑水|挂红|挂汗|water inrush|排水泵|水仓|探水|probe hole|drainage pump|flooded working|old working",
  ),
  c(
    "underground",
    { coal_mine: 2.5, non_coal_mine: 2 },
    "井下|下井|入井|升井|矿井|井口|巷道|掘进|采掘|工作面|采区|underground|mine shaft|shaft|tunnel face|老巷|暗巷|采空区|井底|working face|down the pit|mine pit",
  ),
  c("roof_support", { coal_mine: 2, non_coal_mine: 2, construction: 0.5 }, "顶板|冒顶|片帮|锚杆|锚索|支护|落石|roof fall|roof bolt"),
  c("mine_hoist", { coal_mine: 2.5, non_coal_mine: 1.5 }, "绞车|提升机|过卷|深度指示器|斜井|竖井|矿车|运送人员|行人不行车|失爆|电缆明接头|hoist rope|mine car"),
  c(
    "mine_general",
    { coal_mine: 1.5, non_coal_mine: 2 },
    "for gold|gold panning|panning for gold|偷矿|盗矿|盗采|私挖|乱挖|私挖乱采|挖洞子|淘金|挖金|rare earth|illegal mining|digging for gold|矿山|矿长|矿工|矿上|矿主|出矿|井工|mine|miner|mining|矿洞|矿硐|硐口|窿口|洞子|挖矿|扒矿|采矿|矿老板|mine owner|黑口子|私开口子|风钻|凿岩|凿岩机",
  ),
  c("coal_upgrade", { coal_mine: 2, non_coal_mine: 1 }, "技改|整合技改|停产整顿|复产验收|长期停产|停产的矿"),

  // 非煤矿山 incl. 尾矿库 — 一面墙开采, 以采代探, 超层越界, 边建设边使用 (seed 000).
  c("tailings", { non_coal_mine: 6 }, "尾矿库|尾矿|尾砂|尾矿坝|超库容|超坝高|排洪井|排洪|浸润线|tailing|tailings dam|tailings pond"),
  c("beneficiation", { non_coal_mine: 4 }, "选矿|选矿厂|洗矿|矿浆|ore dressing|ore processing"),
  c("dam", { non_coal_mine: 1.5, other: 0.5 }, "坝体|坝上|坝脚|坝面|堆坝|筑坝|大坝|dam"),
  c("non_coal", { non_coal_mine: 6 }, "非煤矿山|非煤矿|non coal mine|metal mine"),
  c(
    "quarry",
    { non_coal_mine: 5 },
    "采石场|石场|采石|石料|采石厂|碎石场|石矿|开山|quarry|quarrying|rock quarry|石厂|打石场|haul road|quarry face|quarry pit|limestone quarry|granite quarry",
  ),
  c(
    "earth_removal",
    { non_coal_mine: 3, construction: 0.5 },
    "挖山|削山|挖掉山|山头|打石|石头厂|石料厂|石料场|碎石厂|砂石|砂场|沙场|采砂|挖沙|挖砂|河砂|淘金|取土场|卖石头|卖土|石材厂|石灰窑|gravel pit|sand pit|sand mining|stone crusher|crushed stone|削平|挖平|推平|铲平",
  ),
  c(
    "open_pit",
    { non_coal_mine: 5 },
    "露天矿|露天开采|一面墙|一面墙开采|直壁|边坡|台阶高度|无台阶|浮石|爆堆|采场|坡面|rock face|open pit|benches|no steps|steep slope|陡坡|高陡|排土场|废石场|坡脚|high wall|直上直下|一刀切|垂直开采|vertical face|sheer face",
  ),
  c(
    "mining_rights",
    { non_coal_mine: 5 },
    "以采代探|探矿权|采矿权|采矿许可证|采矿证|越界开采|超层越界|挖过界|越界|无证开采|私挖|偷挖|偷采|盗采|乱采|开采|exploration permit|mining licence|mining license|illegal mining|无证挖|偷挖矿|乱挖|unlicensed mining|illegal quarry",
  ),
  c(
    "metal_ore",
    { non_coal_mine: 5 },
    "adit|adits|fluorite|fluorspar|lead-zinc|lead zinc|ore body|mineshaft|锰矿|铅锌矿|锡矿|铝土矿|铁矿|金矿|铜矿|钨矿|锑矿|稀土|萤石|石灰石|大理石|花岗岩|矿石|ore|manganese|bauxite|tin mine|gold mine|锌矿|钒矿|重晶石|高岭土|铁矿石|copper mine|lead mine|zinc mine|iron ore|antimony",
  ),
  c("mining_company", { non_coal_mine: 1.5, coal_mine: 0.5 }, "矿业|矿区"),

  // 危险化学品 — 无证储存经营, 重大危险源, 特殊作业许可, 违规充装; 冠名"生物""新材料""科技" (seed 000).
  c("hazchem", { hazardous_chemicals: 6 }, "危险化学品|危化品|危化|危险品仓库|危险化学|hazardous chemical|dangerous chemical|hazmat|危险品|易制爆|易制毒"),
  c("flammable_goods", { hazardous_chemicals: 2.5, fire_safety: 2 }, "易燃易爆|易燃易爆品|易燃液体|flammable liquid|corrosive"),
  c(
    "chem_plant",
    { hazardous_chemicals: 5 },
    "化工厂|化工|化工园区|精细化工|反应釜|反应装置|化工企业|石化|chemical plant|chemical factory|chemical works|chem plant|chem factory|chem works|chem depot|chemical depot|petrochemical|reactor vessel|化工仓库|化学品仓库|chemical warehouse|chemical store|油漆厂|涂料厂|农药厂|化学厂",
  ),
  c(
    "chem_storage",
    { hazardous_chemicals: 4 },
    "high-level alarm|high level alarm|level alarm|storage tanks|oil tanks|fuel tanks|gasoline tanks|storage company|储存公司|仓储公司|储罐|罐区|储罐区|油库|重大危险源|可燃气体报警|液位|联锁|tank farm|storage tank|major hazard",
  ),
  c(
    "chem_names",
    { hazardous_chemicals: 5 },
    "硫酸|盐酸|硝酸|液碱|烧碱|氢氧化钠|甲醇|乙醇|苯|甲苯|二甲苯|丙酮|稀释剂|天那水|溶剂|氯气|液氯|氰化|双氧水|电石|sulfuric acid|hydrochloric|acid|solvent|thinner|methanol|toluene|benzene|chlorine|树脂|松香|油墨|香蕉水|硫磺|黄磷|氯酸钾|过氧化氢|氢气|硝化棉|化工原料|危险废物|危废|resin|hydrogen|acetone|nitric",
  ),
  c(
    "fuel_retail",
    { hazardous_chemicals: 5 },
    "加气站|加气母站|CNG加气站|LNG加气站|CNG station|LNG station|地下罐|地下油罐|埋地油罐|埋地罐|underground tank|加油站|加油车|流动加油|散装汽油|散装油|成品油|卸油|油罐区|petrol station|gas station|filling station|fuel station|黑加油站|加油点|非法调油|调和油|储油|囤油|散装柴油|illegal fuel|fuel depot|sell petrol|sell fuel|sell diesel|petrol in drum|fuel in drum|drums of petrol",
  ),
  // Making fuel is producing a hazardous chemical, whoever buys it (truck drivers, farmers).
  c(
    "oil_refining",
    { hazardous_chemicals: 5 },
    "炼油|土法炼油|土炼油|小炼油|地炼|炼柴油|炼汽油|熬油|提炼柴油|提炼汽油|废机油|废矿物油|废润滑油|废轮胎炼油|轮胎炼油|塑料炼油|oil refining|refinery|refine oil|waste oil|used engine oil|used motor oil",
  ),
  c("fuel", { hazardous_chemicals: 2.5 }, "汽油|柴油|油桶|汽油桶|diesel|gasoline|petrol|fuel"),
  c("ammonia", { hazardous_chemicals: 2.5, industry_trade: 1 }, "液氨|氨气|氨味|ammonia"),
  c(
    "industrial_gas",
    { hazardous_chemicals: 5 },
    "氧气瓶|乙炔瓶|乙炔|氩气|工业气瓶|气瓶充装|充装|气体公司|oxygen cylinder|acetylene|cylinder filling|氮气瓶|二氧化碳瓶|氢气瓶|丙烷|充气站|倒气|gas refill|nitrogen cylinder|propane",
  ),
  c("gas_cylinder", { hazardous_chemicals: 1.5, other: 1 }, "气瓶|钢瓶|gas cylinder|cylinder"),
  c("special_work", { hazardous_chemicals: 2.5, industry_trade: 1 }, "动火|动火作业|特殊作业|作业许可|动火证|hot work|work permit|gas test"),
  c("chem_licence", { hazardous_chemicals: 4 }, "危化品经营许可证|危险化学品经营许可|hazardous chemicals license|chemical license"),
  c("safety_licence", { hazardous_chemicals: 1.5, non_coal_mine: 1, fireworks: 0.5 }, "安全生产许可证|经营许可证"),
  c("chem_front", { hazardous_chemicals: 1.5 }, "生物科技|新材料|材料科技|涂料|油漆|农药|paint|coating|pesticide|酒精|胶水|alcohol|glue"),
  c("toxic", { hazardous_chemicals: 2 }, "刺鼻|有毒|毒气|泄漏|漏气|化学品|toxic|fume|chemical|chemicals|leak|化学味|化工味|化学品味|chemical smell"),
  c("explosion_proof", { hazardous_chemicals: 1, industry_trade: 1 }, "防爆|防爆电气|防静电|静电接地|静电|explosion proof|static"),

  // 烟花爆竹 — 非法生产经营运输燃放, 超标违禁, 转包分包, 三超一改, 一证多厂 (seed 000).
  c(
    "fireworks",
    { fireworks: 6 },
    "烟花爆竹|烟花|爆竹|鞭炮|炮竹|礼花弹|礼花|花炮|烟火厂|鞭炮厂|firework|fireworks|firecracker|aerial shell|mortar shell|炮仗|爆仗|炮杖|鞭跑|鞭泡|烟化|礼炮|冲天炮|窜天猴|摔炮|擦炮|响炮|雷鸣炮|组合烟花|烟花筒|花炮厂|鞭炮作坊|fire cracker|cracker|sparkler|cherry bomb|thunder bomb|skyrocket",
  ),
  c("fireworks_rules", { fireworks: 6 }, "三超一改|超药量|改变工房用途|一证多厂|流向管理|超标违禁|禁放|燃放|焰火|加特林|大地红"),
  c("fireworks_trade", { fireworks: 2, hazardous_chemicals: 0.5 }, "零售点|批发部|超范围|set off|let off"),
  c("fireworks_workshop", { fireworks: 3 }, "=工房|药物|配药|装药|引线|药量|晒场|亮珠|黑火药|压药|搬药|进药|中转库|纸筒|卷筒|装筒|插引|paper tube"),
  c("gunpowder", { fireworks: 2, civil_explosives: 1 }, "火药|gunpowder|fuse|fuses|black powder"),

  // 交通运输 — 两客一危, 农村客运, 重型货车超载超限, 旅游包车, 客船, 车站港口码头 (seed 000).
  c(
    "road_passenger",
    { transport: 5 },
    "客运|班车|班线|客车|长途车|长途汽车|中巴|农村客运|校车|公交|客运站|汽车站|coach|school bus|route bus|long distance bus|minibus|passenger|大客车|卧铺车|卧铺|农村客车|乡村客车|客运车|出租车|的士|网约车|摩的|taxi|ride hailing|sleeper bus",
  ),
  // Private cars carrying paying passengers (拼车, 黑车) are illegal passenger transport.
  c(
    "illegal_passenger",
    { transport: 4 },
    "拼车|顺风车|跑黑车|开黑车|黑出租|拉黑活|跑黑活|载客拼车|私家车拉客|私家车载客|私家车跑客|跑长途拼车|carpool|car pool|ride share|rideshare|unlicensed taxi|illegal taxi|private car carrying|private cars carrying",
  ),
  c("private_car", { transport: 1.5 }, "私家车|小轿车|轿车|五座|七座|五人座|七人座|private car|saloon car"),
  c("bus", { transport: 2.5 }, "大巴|巴士|面包车|小巴|bus|van"),
  c(
    "freight",
    { transport: 4 },
    "货车|卡车|大卡|大卡车|拖头|泥头|拉木头|拉木材|运木头|半挂|挂车|重型货车|大货车|渣土车|泥头车|槽罐车|油罐车|罐车|危货车|危险货物|运输车|运输公司|物流|货运|truck|lorry|trailer|tanker|dump truck|haulage|logistic|冷链|货拉拉|快递车|拖车|农用车|三轮车|container truck|cargo truck|delivery truck|拉土车|拉沙车|拉砂车|砂石车|搅拌车|水泥罐车|集卡|cement mixer|concrete mixer",
  ),
  c("freight_weak", { transport: 1.5 }, "拉货|车厢|车斗|货箱|cargo|freight|haul"),
  c("boat_weak", { transport: 2 }, "船|小船|木船|铁皮船|机动船|boat trip"),
  c(
    "overload",
    { transport: 5 },
    "每趟塞|一车塞|塞了三十|塞满人|站满了人|企满|packed with|crammed|超载|超限|超员|严重超员|核载|车厢加高|overload|overloaded|overcrowded|超高|超宽|装得冒尖|overweight|too many passengers",
  ),
  c("crowding", { transport: 2 }, "载客|拉客|坐满|站满|过道|packed|seat|seats|aisle"),
  c(
    "driving_violation",
    { transport: 5 },
    "疲劳驾驶|连续驾驶|连续开|超速|飙车|飙到|开到一百|开到两百|开到一百多|开到一百五|开到一百六|开到一百七|开到一百八|时速|车速|一百多码|两百码|开得飞快|开得很快|开那么快|开得特别快|闯红灯|开车打电话|一边开一边|边开车边|玩手机|看手机|动态监控|营运证|从业资格|非法营运|黑车|侧翻|追尾|speeding|fatigue|drunk driving|on his phone|on her phone|on the phone|tail light|red light|北斗|行车记录|gps",
  ),
  // A vehicle off the road, over or into the river: a road accident (交通运输), whoever owns the vehicle.
  c(
    "road_accident",
    { transport: 3 },
    "车祸|交通事故|撞车|翻车|车翻了|翻在路|翻到路|翻到沟|翻下沟|冲出路面|冲出护栏|冲到河里|冲进河里|冲下河|冲落河|掉下桥|road accident|traffic accident|car crash|ran off the road|went off the road|off the bridge",
  ),
  c("vehicle_fault", { transport: 2 }, "刹车|刹车失灵|刹车不灵|轮胎|爆胎|打滑|方向盘|brake|brakes|tyre|tire|bald tyre|skid"),
  c("driver", { transport: 2 }, "司机|驾驶员|开车|车辆|driver|driving|drive|traffic"),
  c("road", { transport: 1.5 }, "国道|高速|省道|公路|盘山路|应急车道|路肩|expressway|highway|road|hard shoulder|emergency lane"),
  c(
    "cargo_securing",
    { transport: 4 },
    "绑扎|捆扎|没绑|没捆|绑不牢|捆不牢|篷布|货物掉|掉货|货掉|散落一地|甩出来|lashing|tie down|tied down|unsecured load|loose load|load securing|strapped",
  ),
  c("two_passenger_one_danger", { transport: 6 }, "两客一危|三超一疲劳|三品检查|安检机"),
  c(
    "waterway",
    { transport: 5 },
    "渡口|渡船|客渡船|客船|轮渡|航道|货船|船舶|海事|ferry|ferries|boat|vessel|pier|运砂船|砂船|沙船|挖沙船|船只|夜航|船员|船老大|快艇|驳船|barge|sand boat|cargo ship",
  ),
  c("port", { transport: 4 }, "港口|码头|门机|岸桥|集装箱|堆场|port|wharf|dock|container terminal|container yard|container ship"),
  c("life_jacket", { transport: 1, culture_tourism: 1 }, "救生衣|救生圈|life jacket|lifejacket"),

  // 建筑施工 — 起重机械, 深基坑, 脚手架, 临时用电, 隧道, 转包分包, 赶工期 (seed 000).
  c(
    "construction_site",
    { construction: 5 },
    "bldg site|edge fence|no edge protection|工地|施工|建筑施工|在建|楼盘|建筑工地|施工现场|施工单位|项目部|工程项目|建设工程|安置房|construction|building site|contractor|under construction|gd|围挡|围蔽|地铁工地|地铁施工|市政工程|装修工程|翻新工程|building work|construction work|worksite|job site|道路施工|road work|roadwork|road works|widening the road",
  ),
  c("works_weak", { construction: 2 }, "工程|工程队|施工队|包工|架子|site|welder|welders|修路|修桥|架桥"),
  c(
    "tower_crane",
    { construction: 6 },
    "塔吊|塔式起重机|施工升降机|施工电梯|工地电梯|人货电梯|建筑电梯|工地升降机|人货梯|物料提升机|吊篮|tower crane|mobile crane|truck crane|crawler crane|outrigger|outriggers|construction hoist|builder hoist|construction lift|construction elevator|site lift|site elevator",
  ),
  c(
    "scaffold",
    { construction: 6 },
    "脚手架|棚架|竹棚架|外架|外脚手架|连墙件|剪刀撑|安全网|防护网|卸料平台|临边|洞口防护|scaffold|scaffolding|safety net|满堂架|满堂支架|立杆|扣件|支模|高支模|模板支撑|挑架|爬架|人工挖孔|挖孔桩|桩孔|桩基|打桩|桩机|falsework|formwork support",
  ),
  c(
    "excavation",
    { construction: 5 },
    "基坑|深基坑|基坑支护|护坡|坑边|坑底|土方|开挖|foundation pit|excavation|trench|shoring|pit|沟槽|管沟|边坡开挖|挖土|回填|ditch",
  ),
  c("temp_power", { construction: 3, fire_safety: 0.5 }, "临时用电|配电箱|漏电|被电|触电|electric shock"),
  c(
    "work_at_height",
    { construction: 3 },
    "高处作业|安全带|高空作业|高处|安全帽|钢筋|绑钢筋|模板|混凝土|砌墙|砖块|临边防护|护栏|helmet|hard hat|rebar|formwork|brick|bricks|guardrail|guard rail|edge protection|plank|fall protection|fall arrest|harness|no net|floor edge|slab edge",
  ),
  // Trenches dug to lay pipes and cables are works of 建筑施工 (沟槽开挖), shored or not.
  c(
    "trench_work",
    { construction: 4 },
    "挖沟|沟挖|开沟|沟底|沟壁|埋管|铺管|埋管道|铺管道|埋污水管|埋水管|埋电缆|管道开挖|管网改造|管道施工|放坡|不放坡|没放坡|trenching|pipe laying|laying pipe|laying pipes|pipe trench|cable trench",
  ),
  c(
    "ground_collapse",
    { construction: 2.5, other: 0.5 },
    "路面塌|马路塌|地面塌|塌陷|地陷|下陷|往下陷|沉降|塌方|大坑|深坑|地面开裂|路面开裂|sinkhole|road collapse|ground collapse|subsidence",
  ),
  c("demolition", { construction: 5 }, "拆除|拆除工程|拆迁|推倒|拆楼|拆旧楼|拆老楼|拆房|demolition|demolishing|tearing down"),
  c("tunnel_works", { construction: 4, transport: 0.5 }, "隧道|掌子面|二衬|初支|仰拱|盾构|tunnel"),
  c("subcontract", { construction: 3, fireworks: 1 }, "转包|分包|层层转包|违法分包|包工头|挂靠|资质|subcontract"),
  c(
    "construction_trades",
    { construction: 4 },
    "架子工|电焊工|信号工|项目经理|监理|赶工期|抢工期|抢进度|交房|site manager|foreman|泥水工|钢筋工|木工|施工员|bricklayer|builder|builders|renovation|renovating|renovated|refurbishment|jackhammer|solar farm|wind farm",
  ),
  c("earthmoving", { construction: 1.5, non_coal_mine: 1 }, "挖机|挖掘机|铲车|装载机|excavator|digger|loader"),
  c("crane", { construction: 2, transport: 0.5, other: 0.5 }, "起重机|起重机械|吊车|吊装|吊臂|crane"),
  c(
    "building_works",
    { construction: 2 },
    "扩建|新建|盖楼|建房|厂房扩建|宿舍楼|building|dormitory block|villa|project|在盖|盖房|楼板|浇筑|打混凝土|storey|new building|high rise",
  ),

  // 消防 — 三合一, 堵塞消防车通道/疏散通道/安全出口, 消火栓, 消防设施, 消防控制室 (seed 000).
  c(
    "fire_exit",
    { fire_safety: 6 },
    "消防通道|消防车通道|疏散通道|安全出口|安全通道|疏散楼梯|逃生通道|应急出口|fire exit|emergency exit|escape route|消防车进不来|消防车进不去|消防车开不进|fire escape|fire lane",
  ),
  c(
    "fire_equipment",
    { fire_safety: 6 },
    "消火栓|消防栓|灭火器|喷淋|自动喷水|烟感|火灾报警|报警主机|消防控制室|消防设施|防火门|闭门器|防火间距|fire extinguisher|extinguisher|sprinkler|smoke detector|smoke alarm|fire door|fire alarm|hydrant|应急照明|应急灯|疏散指示|疏散标志|排烟|排烟风机|防火卷帘|消防水泵|消防水池|消防演练|疏散演练|emergency light|emergency lighting|exit sign|fire drill|smoke vent",
  ),
  c("fire_word", { fire_safety: 4 }, "消防|防火|火灾隐患|fire safety|fire hazard|fire"),
  c(
    "three_in_one",
    { fire_safety: 5 },
    "三合一|住人|宿舍|睡觉|住在楼上|工人住|员工住|住在车间|住在仓库|住在厂里|住在店里|吃住在|楼上住人|隔成宿舍|防盗网|焊死|锁大门|sleep in|sleeping in|dormitory|工人睡|员工睡|给工人住|给员工住|睡人|sleep on|sleeping on|sleep upstairs|living upstairs",
  ),
  c(
    "living_in",
    { fire_safety: 2 },
    "群租|隔间|住了|睡在|板房|活动板房|隔了|隔出|隔成|住着|住满|工人住|员工住|司机住|搬运工住|装卸工住|工友住|阁楼|夹层|打地铺|员工宿舍|工人宿舍|bunk|bunks|live upstairs|living above|sleep above|sleep there",
  ),
  c(
    "egress",
    { fire_safety: 2.5 },
    "门都锁|门锁住|门被锁|锁住门|只留一个门|只开一个门|只有一个门|疏散|逃生|楼梯间|楼道|走廊|出口|锁闭|锁死|锁着|铁链|只有一个楼梯|一个楼梯|staircase|stairwell|stairs|exit|chained|chained shut|locked|blocked|propped open|metal bars|只有一个出口|一个出口|窗户封死|封死|卷帘门|防盗门|narrow stair|one stair|only exit|single exit|shutters|barred window|window bar|window grille",
  ),
  // Cooking on a flame where goods are stored or people sleep (仓库里做饭) is a fire hazard.
  c("cooking_inside", { fire_safety: 3 }, "煮饭|做饭|烧饭|开伙|生火|炒菜|生炉子|烧炉子|电磁炉|cooking|cook meals|hot plate|camping stove"),
  c("ebike", { fire_safety: 4 }, "电动车|电瓶车|电动自行车|充电|飞线充电|e bike|ebike|e-bike|scooter charging|charge overnight|charging"),
  c(
    "flammables",
    { fire_safety: 3 },
    "可燃|易燃|泡沫|装饰|杂物|堆放|纸箱|纸皮|纸板|布匹|布料|棉被|cardboard|私拉乱接|乱接电线|电线|铁皮棚|木结构|冷焰火|foam|flammable|combustible decoration|decoration|clutter|wiring|泡沫板|彩钢板|夹芯板|海绵|mattress|mattresses",
  ),
  c(
    "crowded_venue",
    { fire_safety: 2.5 },
    "人员密集|ktv|酒吧|歌厅|网吧|夜总会|商场|综合体|商业综合体|农贸市场|市场|养老院|养老机构|敬老院|福利院|学校宿舍|培训机构|宾馆|酒店|旅馆|民宿|高层|写字楼|地下车库|nightclub|karaoke|shopping mall|mall|hotel|nursing home|care home|tower|language center|training center|幼儿园|托儿所|早教|医院|卫生院|住院部|病房|剧本杀|密室|影院|电影院|足浴|洗浴|棋牌室|网咖|出租屋|kindergarten|nursery|hospital|cinema|escape room|sauna|hostel|guesthouse",
  ),
  c("fire_event", { fire_safety: 2, hazardous_chemicals: 0.5 }, "着火|起火|失火|火灾|冒烟|烟雾|燃烧|on fire|smoke|burning"),

  // 工贸 — 金属冶炼 (熔融金属, 煤气), 粉尘涉爆十项, 有限空间 (造纸, 酱腌菜, 污水处理) (seed 000).
  c(
    "dust",
    { industry_trade: 5 },
    "粉尘|积尘|积粉|积灰|除尘|收尘|收尘器|袋式收尘|布袋收尘|布袋除尘|灰斗|防爆阀|泄爆阀|泄爆门|隔爆阀|除尘器|除尘系统|泄爆|粉尘爆炸|涉爆粉尘|木粉|木屑|铝粉|镁粉|面粉|淀粉|dust|dust collector|combustible dust|dust explosion|sawdust|棉絮|棉尘|飞絮|纤维尘|糖粉|吸尘|吸尘管|粉料|lint|fluff|cotton dust|flour dust|dust extraction",
  ),
  c("grinding", { industry_trade: 3 }, "打磨|抛光|粉碎|磨粉|喷涂|grinding|polishing|sanding"),
  c(
    "spray_booth",
    { industry_trade: 4, hazardous_chemicals: 0.5 },
    "喷漆房|喷漆车间|喷漆|漆雾|烤漆房|烤漆|喷房|喷粉|喷塑|喷漆线|spray booth|paint booth|spray paint|spray painting|spray room|paint room",
  ),
  c(
    "confined_space",
    { industry_trade: 6 },
    "grain silo|grain silos|silo|silos|grain bin|granary|feed silo|粮仓|粮库|储粮仓|有限空间|受限空间|密闭空间|腌菜池|酱腌菜|酱菜|清池|发酵罐|发酵池|酒糟池|窖池|糖蜜罐|清浆池|浆池|污水池|污水井|化粪池|沼气池|储罐清理|下池|下罐|confined space|fermentation tank|sewage pit|septic tank|manhole|vat|沉淀池|集水井|污水处理|清淤|下水道作业|检查井|罐里|罐内|池底|储罐清洗|sewer work|sludge|inside the tank",
  ),
  c(
    "gas_detection",
    { industry_trade: 3, hazardous_chemicals: 0.5 },
    "气体检测|强制通风|监护人|呼吸器|防毒面具|晕倒|中毒|窒息|不通风|不检测|gas detector|breathing apparatus|fainted|asphyxiat|suffocat|硫化氢|臭鸡蛋|测气体",
  ),
  c(
    "metallurgy",
    { industry_trade: 6 },
    "冶金|冶炼|熔融金属|铁水|钢水|铝水|铜水|熔铅|熔化炉|熔炉|浇铸|浇铁水|铸造|casting pit|铸锭|钢包|高炉|转炉|电炉|中频炉|冷却水套|molten|molten metal|molten aluminum|molten aluminium|foundry|smelter|smelting|furnace|casting|ladle|炼铅|铅水|锌水|锡水|再生铅|废电池|铁合金|矿热炉|出铁|出钢|炉前|炉前工|渣坑|冲渣|熔炼|冶炼厂|炼钢|炼铁|压铸|铸件|热金属|hot metal|lead smelting|rolling mill",
  ),
  // Coal ground to powder to fire a kiln or boiler (煤磨, 煤粉制备) is a dust-explosion hazard of 工贸, not mining.
  c(
    "coal_mill",
    { industry_trade: 6 },
    "煤磨|煤磨车间|煤粉制备|制粉系统|制粉车间|煤粉仓|煤粉罐|磨煤机|磨煤|煤粉磨|煤立磨|喷煤|煤粉输送|coal mill|coal grinding|pulverized coal|pulverised coal|pulverizer|pulveriser|coal powder",
  ),
  c("mill", { industry_trade: 3 }, "钢厂|钢铁|不锈钢|铝厂|有色|轧钢|行车|淘汰|淘汰的|steel mill|steel plant|aluminium|aluminum"),
  c(
    "blast_furnace_gas",
    { industry_trade: 5 },
    "高炉煤气|转炉煤气|煤气区域|煤气发生炉|发生炉煤气|煤气站|coal gas generator|gas producer|producer gas|co报警|一氧化碳报警|co alarm|co detector",
  ),
  c(
    "cold_store",
    { industry_trade: 4 },
    "冷库|制冷|涉氨制冷|液氨制冷|冷藏|cold store|cold storage|refrigeration|冻库|冷冻库|冷冻厂|冻品|急冻|速冻|制冰|氨机|氨压机|制冷机房|freezer|ice plant|cold room",
  ),
  c(
    "factory",
    // 2.5: a factory named with nothing else is a 工贸 tip (data/README.md), above the threshold on its own.
    { industry_trade: 2.5 },
    "木材厂|木器厂|木厂|锯板|锯木|板材厂|kiln|kilns|brick kiln|brickworks|lime kiln|球磨|板厂|胶合板|陶瓷厂|茶厂|鞋厂|粮油|筒仓|碾米|砖厂|水泥厂|tea factory|brick factory|shoe factory|steel pipe|pipe factory|sawmill|rice mill|工厂|厂里|车间|生产线|厂房|造纸厂|造纸|家具厂|饲料|酒业|酿酒|糖厂|木材加工|冲床|机械伤害|防护罩|factory|workshop|production line|plant floor|paper mill|machine guard|机械厂|配件厂|加工厂|五金厂|纺织厂|纱厂|印染厂|木器厂|食品厂|屠宰|肉联厂|肉类加工|酒厂|剪板机|折弯机|注塑机|spinning mill|textile|mill|stamping|punch press|conveyor|machinery|服装厂|制衣厂|鞋厂|电子厂|玩具厂|陶瓷厂|砖厂|水泥厂",
  ),
  c(
    "machine_guarding",
    { industry_trade: 4 },
    "防护罩|冇防护|没有防护|没防护|无防护|没有护罩|没护罩|皮带机|皮带轮|传动带|传动部位|传动轴|齿轮|圆锯|锯片|锯台|卷了进去|卷进去|手卷|exposed belt|exposed belts|exposed gear|exposed gears|unguarded|no guard|without guard|guards removed|光电保护|安全光栅|双手按钮|卷入|绞入|压手|夹手|压断|light curtain|caught in|crushed hand",
  ),

  // 民用爆炸物品 — 无证生产储存运输经营, 爆破作业, 流失社会 (seed 000, 公安).
  c(
    "explosives",
    { civil_explosives: 7 },
    "民爆|民用爆炸物品|爆炸物品|炸药|雷管|导爆索|导爆管|火工品|硝铵|铵油|硝酸铵|导火索|explosive|explosives|detonator|detonators|dynamite|blasting cap|anfo|炸要|雷官|炸yao|乳化炸药|铵梯|导火线|火雷管|电雷管|非电雷管|炸药包|土炸药|自制炸药|土制炸药|自制炸弹|爆炸物|爆破器材|民爆仓库|民爆公司|homemade bomb|fishing bomb|pipe bomb|explosive magazine",
  ),
  c(
    "blasting",
    { civil_explosives: 4, non_coal_mine: 1 },
    "点了引线|点引线|点火放炮|lit the fuse|fuse lit|爆破|放炮|爆破作业|爆破证|爆破员|放炮员|炮工|blaster|blasters|shotfirer|shot firer|powder man|起爆|哑炮|blasting|blast|blasts|放完炮|炸山|爆破公司|blasting company|blast hole",
  ),
  c(
    "blasting_safety",
    { civil_explosives: 2 },
    "警戒|警戒线|飞石|石头飞|碎石飞|石头砸|砸到房顶|砸坏屋顶|siren|warning flag|flyrock|flying rock|stones hit|rocks hit|stones flew|rocks flew|no warning|without warning",
  ),
  c("fish_bombing", { civil_explosives: 4 }, "炸鱼|炸树根|炸石头|炸石|blast fishing"),
  c("explosives_depot", { civil_explosives: 3 }, "守库|双人守库|库存账目|领用|退库|押运员|押运|magazine"),

  // 文化旅游 — 游乐索道设施带病运行, 旅游包车, 高危旅游项目, 黑车黑店黑社黑导 (seed 000).
  c(
    "tourism",
    { culture_tourism: 3.5 },
    "旅游|景区|景点|游客|观光|网红|古镇|度假|rice terraces|terraces|hiking trail|walking trail|trail|canyon|grand canyon|grotto|karst cave|show cave|viewpoint|lookout|national park|forest park|park staff|tour groups|the guides|our guide|tourism|tourist|tourists|scenic|scenic area|sightseeing|农家乐|度假村|度假区|farm stay|farmstay|resort",
  ),
  c(
    "travel_agency",
    { culture_tourism: 6 },
    "旅行社|跟团|旅游团|导游|黑导|黑社|黑店|购物店|旅游包车|带团|travel agency|tour group|tour guide|tour operator|guided tour|旅游大巴|旅游车|tour bus",
  ),
  c(
    "amusement",
    { culture_tourism: 6 },
    "游乐|游乐园|游乐场|游乐设施|过山车|摩天轮|大摆锤|海盗船|碰碰车|卡丁车|go kart|go-kart|kart|karts|karting|蹦极|滑道|玻璃栈道|玻璃桥|悬崖秋千|秋千|索道|缆车|吊厢|吊椅|滑索|漂流|竹筏|高空项目|amusement|amusement park|theme park|roller coaster|ferris wheel|cable car|cableway|chairlift|zipline|zip line|rope course|alpine slide|go kart|skywalk|sky walk|sky-walk|glass walkway|glass skywalk|glass plank|glass viewing platform|speedboat ride|speedboat rides|boat ride|boat rides|banana boat|jet ski|jetski|parasailing|parasail|flying fox|glass bridge|rafting|raft|bamboo raft|bungee|bungee jump|canyon swing|giant swing|via ferrata|paraglid|hot air balloon|乐园|儿童乐园|淘气堡|蹦床|充气城堡|旋转木马|小火车|海洋球|水上乐园|水世界|水滑梯|滑梯|滑草|滑雪|游船|游艇|画舫|竹排|骑马|马场|飞拉达|铁索|栈道|吊桥|丛林穿越|安全压杆|压杆|压杠|atv|quad|quad bike|dune buggy|carousel|merry go round|bumper car|trampoline|bouncy castle|water park|water slide|horse riding|pony ride|amusement ride|fairground|drop tower|swing ride|kiddie ride|kids ride|mini train|fair ride|travelling fair|traveling fair|cruise boat|river cruise|boat tour|sightseeing boat|tour boat|游览船|观光船",
  ),
  // Carts and trains that carry visitors round a scenic area (景区观光车) are 文旅 facilities, not road transport.
  c(
    "scenic_vehicle",
    { culture_tourism: 6 },
    "观光车|电瓶观光车|观光电瓶车|景区电瓶车|景区观光车|游览车|景区摆渡车|景区小火车|景区交通车|sightseeing cart|sightseeing car|sightseeing train|battery cart|electric cart|golf cart|tourist cart|tourist train|scenic cart",
  ),
  c("adventure", { culture_tourism: 3 }, "高危旅游|探险|溶洞|攀岩|户外拓展|露营|卖票|售票|门票|trekking|adventure|cave|ticket|ticket booth|hostel|backpacker"),
  c("culture_venue", { culture_tourism: 2, fire_safety: 1 }, "剧院|演出|文物|博物馆|museum|theatre|theater"),

  // 其他 — outside the ten sectors: 城镇燃气, 特种设备, 自建房, 渔船, 农机, 电力, 广告牌 (data/README.md).
  c(
    "town_gas",
    { other: 4, hazardous_chemicals: 1 },
    "gas bottle|gas bottles|gas canister|gas canisters|bottled gas|lpg bottle|lpg cylinder|propane tank|butane|gas smell|smell of gas|smells of gas|smelled gas|smell gas|燃气|天然气|燃气管道|燃气立管|燃气表|燃气公司|入户安检|燃气灶|煤气|煤气罐|液化气|液化气罐|液化石油气|瓶装气|换气|natural gas|cooking gas|lpg|gas pipe|gas meter",
  ),
  c(
    "special_equipment",
    { other: 6 },
    "电梯|扶梯|自动扶梯|锅炉|压力容器|储气罐|特种设备|维保|困人|司炉|轿厢|lift|elevator|escalator|boiler|pressure vessel|air receiver|自动人行道|扶手带|梳齿|梯级|观光梯|货梯|杂物梯|气泵|储气|compressed air|air tank|moving walkway|travelator|叉车|forklift",
  ),
  c("pressure_parts", { other: 2, hazardous_chemicals: 1 }, "安全阀|压力表|pressure gauge|safety valve|relief valve|空压机|compressor|air compressor"),
  c(
    "self_built_house",
    { other: 5 },
    "brick house|mud-brick house|mud brick house|adding floors|added floors|more floors on|floors on top of|extra floors|extra storey|old house|自家房|私房|民房加层|自建房|加层|加盖|墙体裂缝|房屋开裂|危房|外墙|瓷砖|墙皮|饰面|广告牌|招牌|户外广告|self built|facade|tile|tiles|plaster|billboard|signboard",
  ),
  c("fishing_boat", { other: 6 }, "渔船|渔业|出海|打渔|捕鱼|fishing boat|fishing vessel|trawler"),
  c(
    "other_agencies",
    { other: 6 },
    "农机|收割机|拖拉机|tractor|harvester|自来水|水厂|供水|水质|水库|河堤|井盖|窨井盖|路灯|water supply|tap water|manhole cover",
  ),
  c("natural_hazard", { other: 3 }, "山体滑坡|泥石流|内涝|危树|landslide|mudslide"),
  c("not_work_safety", { other: 3 }, "拖欠工资|欠薪|讨薪|社保|食品安全|食物中毒|过期食品|地沟油|偷排|排污|噪音|扰民|环保|unpaid wages|food poisoning|noise"),
  c("power_grid", { other: 4 }, "变压器|高压线|电线杆|供电|transformer|power line|水电站|电站|电厂|power station"),
  c(
    "unclear_noise",
    { other: 2 },
    "轰隆|不知道是干嘛|不知道是干什么|不知道在干嘛|unknown noise|不知道是哪里|不知道哪里来|不知道从哪|不知是哪|来源不明|no idea where|unknown source",
  ),

  // Context only: no vote of their own, read by the modifiers in context.ts.
  c("ctx_household", {}, "小区|居民|住户|楼道|家里|厨房|后厨|饭店|餐馆|烧烤|饭馆|小吃|楼上全是|apartment|restaurant|kitchen|household|home"),
  c(
    "ctx_trade_verbs",
    {},
    "no licence|no license|without licence|without license|unlicensed|illegal storage|illegally stored|unloaded|unload|trucked in|stockpile|stockpiled|买|卖|私藏|藏|夹带|携带|带|塞|装满|储存|堆了|堆满|运送|运输|拉的是|带回|没证|无证|无许可|没审批|没有证|自行配制|私下|流失|sell|sold|buy|bought|store|stored|transport|no permit|without permit",
  ),
  // The blasting itself unpermitted (无证采石 is unlicensed mining, 非煤矿山, whoever blasts); English rarely says which.
  c(
    "ctx_no_permit",
    {},
    "没有爆破证|无爆破证|没有爆破作业证|没爆破证|无证放炮|没证放炮|无证爆破|私自爆破|私自放炮|爆破员是临时|no licence|no license|without licence|without license|no permit|without permit|unlicensed|not licensed",
  ),
  c("plain_words", {}, "crack|cracks|cracking|track|tracks|helmet|barrier|corner"),
  c("ctx_storage", {}, "放在|存放|堆在|藏在|摆在|床底下|柴房|没有库房|没有专门的库房|kept in|kept under|stored in|stored under|under his bed|under the bed"),
  // Who came to help and the kind of building (fire brigade, apartment block) are not fire-safety violations:
  // these longer names shadow the "fire" and "block" inside them.
  c(
    "ctx_rescuers_and_buildings",
    {},
    "fire brigade|firefighters|firefighter|firemen|fire service|apartment block|block of flats|tower block|residential block|office block",
  ),
  c("ctx_refrigeration", {}, "冷库|制冷|冷藏|cold store|refrigeration"),
  c("ctx_smelting", {}, "高炉|钢厂|冶炼|炼钢|炼铁|转炉|steel"),
  c("ctx_vehicle_fault", {}, "疲劳|连续开|连续驾驶|侧翻|司机|驾驶员|停在|停车|翻车|行驶|driver|fatigue|rollover"),
  c("ctx_station", {}, "加油站|加气站|卸油|油库|petrol station|gas station|filling station|fuel station|fuel depot"),
  c("ctx_dg_vehicle", {}, "槽罐车|油罐车|危化品车|危货车|罐车|危险货物运输|tanker|危险品车|拉危险品|hazmat truck"),
  c("ctx_tour_bus", {}, "大巴|包车|客车|车|司机|bus|coach|driver|van"),
  c("ctx_port", {}, "港口|码头|港区|port|wharf|dock"),
  c("ctx_lifting", {}, "门机|起重|吊|钢丝绳|crane"),
  c("ctx_kiln", {}, "熟料|回转窑|窑头|窑尾|立窑|窑炉|隧道窑|辊道窑|烧窑|砖厂|砖窑|陶瓷厂|瓷砖厂|clinker|kiln|brickworks|brick kiln|ceramic factory"),
  c("ctx_cement_plant", {}, "水泥厂|水泥公司|水泥有限公司|水泥集团|电厂|发电厂|火电厂|cement plant|cement factory|cement works|cement company|power plant"),
  c("ctx_sleeping_in_works", {}, "仓库|车间|厂房|厂里|warehouse|workshop"),
];
