/**
 * Generated tips for benchmarks: varied enough to exercise every path of the router (sector words,
 * place names, enterprise names, urgency), deterministic so runs compare.
 */
const PHRASES = [
  "工地塔吊没有检测就投入使用，工人不系安全带",
  "商场把消防通道和安全出口堵死了",
  "化工厂储罐区没有泄漏报警装置",
  "家具厂打磨车间粉尘很厚，除尘器坏了",
  "半挂车天天超载，一车一百多吨",
  "小作坊违规生产烟花，超药量",
  "采石场一面墙开采，边坡很陡",
  "煤矿超能力生产，井下超定员",
  "有人私自买卖雷管炸药",
  "景区玻璃滑道没有安全员",
  "饭店后厨煤气罐放在灶台边",
  "冷库用氨制冷，管道锈蚀",
  "这里有问题请来看看",
  "the tower crane has no inspection certificate",
  "fire exits locked at the karaoke bar",
  "工人被困在有限空间里，快来人",
];
const TRADE = ["兴旺", "宏达", "顺发", "金桂", "鑫源", "永安", "华泰", "瑞丰", "南方", "桂华", "康达", "长青"];
const INDUSTRY = ["化工", "建筑工程", "物流", "家具制造", "矿业", "烟花", "食品", "机械"];

export function enterpriseNameFor(n: number, place: string): string {
  return `${place}${TRADE[n % TRADE.length]}${TRADE[Math.floor(n / TRADE.length) % TRADE.length]}${n}${INDUSTRY[n % INDUSTRY.length]}有限公司`;
}

export function generateTips(n: number, places: string[], enterprises: number): { text: string; place: string; enterprise?: string }[] {
  const out: { text: string; place: string; enterprise?: string }[] = [];
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < n; i++) {
    const place = places[Math.floor(rand() * places.length)];
    const tip: { text: string; place: string; enterprise?: string } = { text: PHRASES[Math.floor(rand() * PHRASES.length)], place };
    if (rand() < 0.3) {
      const e = Math.floor(rand() * enterprises);
      tip.enterprise = enterpriseNameFor(e, places[e % places.length]).replace("有限公司", "公司");
    }
    out.push(tip);
  }
  return out;
}
