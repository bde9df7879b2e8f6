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
  { place: "广西壮族自治区桂林市龙胜各族自治县龙脊镇", names: ["龙脊梯田", "Longji Rice Terraces", "Longji Terraces"] },
  // 德天瀑布, the border waterfall, is in Shuolong Town, Daxin County.
  { place: "广西壮族自治区崇左市大新县硕龙镇", names: ["德天瀑布", "Detian Waterfall", "Detian Falls"] },
  // Weizhou Island is 涠洲镇 of Haicheng District, Beihai.
  { place: "广西壮族自治区北海市海城区涠洲镇", names: ["涠洲岛", "Weizhou Island"] },
  // 友谊关, the border gate, is in Youyi Town, Pingxiang.
  { place: "广西壮族自治区崇左市凭祥市友谊镇", names: ["友谊关", "Friendship Pass"] },
  // Qinzhou Port and its industrial zone are the 钦州港经济技术开发区 in Qinnan District.
  { place: "广西壮族自治区钦州市钦南区钦州港经济技术开发区", names: ["钦州港", "Qinzhou Port", "Qinzhou Port Area", "Qinzhou Port Industrial Zone"] },
  // 银子岩, the show cave, is in Lipu.
  { place: "广西壮族自治区桂林市荔浦市", names: ["银子岩", "Yinziyan", "Yinzi Cave"] },
  // The Chengyang Wind-and-Rain Bridge is in Linxi Town, Sanjiang.
  { place: "广西壮族自治区柳州市三江侗族自治县林溪镇", names: ["程阳风雨桥", "程阳桥", "Chengyang Bridge", "Chengyang Wind and Rain Bridge"] },
  // 北海银滩, the beach resort, is in Yinhai District; in Guangxi 银滩 means it.
  { place: "广西壮族自治区北海市银海区", names: ["北海银滩", "银滩", "Beihai Silver Beach", "Yintan"] },
  // "Silver Beach" alone could be anywhere; with Beihai named it is 银滩.
  { place: "广西壮族自治区北海市银海区", names: ["Silver Beach"], withCity: true },
  // Guilin's 正阳步行街 (Zhengyang pedestrian street) is in Xiufeng District; other cities have a 正阳街.
  {
    place: "广西壮族自治区桂林市秀峰区",
    names: ["正阳步行街", "正阳街", "Zhengyang Street", "Zhengyang St", "Zhengyang Pedestrian Street", "Zhengyang Walking Street"],
    withCity: true,
  },
];
