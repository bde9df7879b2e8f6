/**
 * Landmarks that name one place, in Chinese and as written in English. Kept small: only a sight or
 * port that lies wholly in one jurisdiction and whose name means nothing else. Rivers, mountain ranges
 * and "the terraces" cross boundaries (漓江, 十万大山) and stay out. `place` is the jurisdiction's full
 * name, so a landmark whose place is not seeded is simply not indexed.
 */
export interface Landmark {
  place: string;
  names: string[];
  /** The name recurs in other cities, so it counts only when the city is named too ("桂林正阳步行街"). */
  withCity?: true;
}

export const LANDMARKS: readonly Landmark[] = [
  // Guilin's emblem, on the Li River in Xiangshan District.
  { place: "广西壮族自治区桂林市象山区", names: ["象鼻山", "Elephant Trunk Hill"] },
  // The Longji rice terraces lie in Longji Town (龙脊镇), Longsheng.
  // 桂林龙脊景区 is on the 5A list; "Longji" is the sight's name in English as much as the town's pinyin.
  {
    place: "广西壮族自治区桂林市龙胜各族自治县龙脊镇",
    names: ["龙脊梯田", "龙脊景区", "Longji Rice Terraces", "Longji Terraces", "Longji Scenic Area", "Longji"],
  },
  // 德天瀑布, the border waterfall, is in Shuolong Town, Daxin County.
  { place: "广西壮族自治区崇左市大新县硕龙镇", names: ["德天瀑布", "德天跨国瀑布", "德天景区", "Detian Waterfall", "Detian Falls", "Detian Scenic Area"] },
  // Weizhou Island is 涠洲镇 of Haicheng District, Beihai.
  { place: "广西壮族自治区北海市海城区涠洲镇", names: ["涠洲岛", "Weizhou Island"] },
  // 友谊关, the border gate, is in Youyi Town, Pingxiang.
  // In pinyin too: "Youyiguan", "Youyi Guan" (关, the pass), "Youyi Pass".
  { place: "广西壮族自治区崇左市凭祥市友谊镇", names: ["友谊关", "Friendship Pass", "Youyiguan", "Youyi Guan", "Youyi Pass", "Youyiguan Pass"] },
  // Qinzhou Port and its industrial zone are the 钦州港经济技术开发区 in Qinnan District.
  { place: "广西壮族自治区钦州市钦南区钦州港经济技术开发区", names: ["钦州港", "Qinzhou Port", "Qinzhou Port Area", "Qinzhou Port Industrial Zone"] },
  // 银子岩, the show cave, is in Lipu.
  { place: "广西壮族自治区桂林市荔浦市", names: ["银子岩", "Yinziyan", "Yinzi Cave"] },
  // The Chengyang Wind-and-Rain Bridge is in Linxi Town, Sanjiang.
  {
    place: "广西壮族自治区柳州市三江侗族自治县林溪镇",
    names: ["程阳风雨桥", "程阳桥", "程阳八寨", "Chengyang Eight Villages", "Chengyang Bridge", "Chengyang Wind and Rain Bridge"],
  },
  // 北海银滩, the beach resort, is in Yinhai District; in Guangxi 银滩 means it.
  { place: "广西壮族自治区北海市银海区", names: ["北海银滩", "银滩", "Beihai Silver Beach", "Yintan"] },
  // "Silver Beach" alone could be anywhere; with Beihai named it is 银滩.
  { place: "广西壮族自治区北海市银海区", names: ["Silver Beach"], withCity: true },
  // From the national lists of Guangxi's 5A and 4A scenic areas, the sights that lie in one county:
  // 遇龙河 runs wholly inside Yangshuo; 十里画廊 is Yangshuo's road of karst peaks.
  { place: "广西壮族自治区桂林市阳朔县", names: ["遇龙河", "Yulong River", "十里画廊", "Ten Mile Gallery", "Ten-Mile Gallery"] },
  // 灵渠, the Qin canal, and the 乐满地 resort are in Xing'an.
  { place: "广西壮族自治区桂林市兴安县", names: ["灵渠", "Ling Canal", "Lingqu Canal", "Lingqu", "乐满地", "Lemandi"] },
  // 青秀山, Nanning's 5A park, is a township-level unit of Qingxiu District; in English "Qingxiu Mountain".
  { place: "广西壮族自治区南宁市青秀区青秀山", names: ["Qingxiu Mountain", "Qingxiu Hill", "Qingxiushan"] },
  // Guilin's caves and peaks: 芦笛岩 in Xiufeng, 独秀峰 and the 靖江王城 in Xiufeng, 七星公园 in Qixing.
  {
    place: "广西壮族自治区桂林市秀峰区",
    names: ["芦笛岩", "Reed Flute Cave", "Ludi Cave", "独秀峰", "Solitary Beauty Peak", "靖江王城", "Jingjiang Princes' City"],
  },
  { place: "广西壮族自治区桂林市七星区", names: ["七星公园", "七星岩", "Seven Star Park", "Seven Star Cave", "Qixing Park"] },
  // 尧山 is Guilin's eastern mountain in Qixing; other cities have a 尧山, so Guilin must be named.
  { place: "广西壮族自治区桂林市七星区", names: ["尧山", "Yaoshan", "Yao Mountain", "Yaoshan Mountain"], withCity: true },
  // 八角寨, the Danxia geopark, is in Ziyuan (资源 alone is an ordinary word, so the sight names the county).
  { place: "广西壮族自治区桂林市资源县", names: ["八角寨", "Bajiaozhai"] },
  // 北海老街 (Zhuhai Road) is in Haicheng; 江山半岛 and 白浪滩 in Fangcheng District.
  { place: "广西壮族自治区北海市海城区", names: ["北海老街", "Beihai Old Street"] },
  { place: "广西壮族自治区防城港市防城区", names: ["江山半岛", "Jiangshan Peninsula", "白浪滩", "Bailang Beach"] },
  // 百色起义纪念馆 (5A) is in Youjiang.
  { place: "广西壮族自治区百色市右江区", names: ["百色起义纪念馆", "百色起义纪念园", "Baise Uprising Memorial"] },
  // Railway stations named after their city, each in one district.
  { place: "广西壮族自治区南宁市西乡塘区", names: ["南宁火车站", "Nanning Railway Station"] },
  { place: "广西壮族自治区南宁市青秀区", names: ["南宁东站", "Nanning East Station", "Nanning East Railway Station"] },
  { place: "广西壮族自治区桂林市象山区", names: ["桂林火车站", "Guilin Railway Station"] },
  { place: "广西壮族自治区桂林市叠彩区", names: ["桂林北站", "Guilin North Station", "Guilin North Railway Station"] },
  // Universities with a single campus: Guangxi University and Guangxi Minzu University in Xixiangtang,
  // Beibu Gulf University in Qinnan.
  {
    place: "广西壮族自治区南宁市西乡塘区",
    names: ["广西大学", "Guangxi University", "Guangxi Uni", "GXU", "广西民族大学", "Guangxi Minzu University", "Guangxi University for Nationalities"],
  },
  { place: "广西壮族自治区钦州市钦南区", names: ["北部湾大学", "Beibu Gulf University"] },
  // More sights of the 5A/4A lists that lie in one county: 通灵大峡谷 in Jingxi, 圣堂山 in Jinxiu, 姑婆山
  // in Pinggui, 大石围天坑 in Leye, 大龙湖 in Shanglin; the 龙滩 dam and its reservoir's town in Tian'e.
  { place: "广西壮族自治区百色市靖西市", names: ["通灵大峡谷", "Tongling Grand Canyon", "Tongling Canyon"] },
  { place: "广西壮族自治区来宾市金秀瑶族自治县", names: ["圣堂山", "Shengtang Mountain", "Shengtangshan"] },
  { place: "广西壮族自治区贺州市平桂区", names: ["姑婆山", "Gupo Mountain", "Guposhan"] },
  { place: "广西壮族自治区百色市乐业县", names: ["大石围天坑", "大石围", "Dashiwei Tiankeng", "Dashiwei"] },
  { place: "广西壮族自治区南宁市上林县", names: ["大龙湖", "Dalong Lake"] },
  { place: "广西壮族自治区河池市天峨县", names: ["龙滩水电站", "龙滩电站", "龙滩库区", "Longtan Dam", "Longtan Hydropower Station"] },
  // 五象新区, Nanning's new district around 五象岭 and 五象湖, lies in Liangqing: "五象" alone means it.
  { place: "广西壮族自治区南宁市良庆区", names: ["五象新区", "五象", "Wuxiang New Area", "Wuxiang New District"] },
  // 三街两巷, the restored old quarter of Nanning, is in Xingning.
  { place: "广西壮族自治区南宁市兴宁区", names: ["三街两巷"] },
  // 渔澫, Fangchenggang's port peninsula, is in Gangkou, the district named after the port (港口区, "port
  // district"): "Fangchenggang port (area)" is there too.
  {
    place: "广西壮族自治区防城港市港口区",
    names: ["渔澫", "渔澫港区", "防城港港区", "Fangchenggang port", "Fangchenggang port area", "Fangchenggang port district", "Fangchenggang Port Zone"],
  },
  // The Jinjiling campus of Guilin University of Electronic Technology is in Qixing.
  { place: "广西壮族自治区桂林市七星区", names: ["金鸡岭校区", "Jinjiling campus", "Jinjiling Campus"] },
  // Not a sight but a former name still in use: 横县 became 横州市 in 2021 (民政部), the only Guangxi
  // county-level rename that changed the name itself rather than its suffix.
  { place: "广西壮族自治区南宁市横州市", names: ["横县", "Hengxian", "Heng County", "Heng Xian"] },
  // Guilin's 正阳步行街 (Zhengyang pedestrian street) is in Xiufeng District; other cities have a 正阳街.
  {
    place: "广西壮族自治区桂林市秀峰区",
    names: ["正阳步行街", "正阳街", "Zhengyang Street", "Zhengyang St", "Zhengyang Pedestrian Street", "Zhengyang Walking Street"],
    withCity: true,
  },
];
