import { createLogger } from "../src/adapters/logger.js";
import { loadConfig, openNode } from "../src/bootstrap.js";
import { routeTip } from "../src/app/routing/route-tip.js";
const opened = await openNode(loadConfig(process.env), createLogger("warn"));
const xs = [
  "天天听到炮响",
  "炮响",
  "轰的一声",
  "石头飞过来",
  "rocks flying onto the sheds",
  "loud bangs every day",
  "explosions every day near the village",
  "听到爆炸声",
  "天天有爆炸声",
  "山上炮响",
];
const ys = ["", "，石头飞到屋顶上", "，震得窗户响", "，地都在抖", ", stones land on our roof", "，不知道在干什么"];
for (const x of xs)
  for (const y of ys) {
    const d = await routeTip(opened.deps, { text: x + y, place: "南宁市武鸣区" });
    if (d.sectorSource === "low_confidence") console.log(x + y, d.confidence, d.unit.kind, d.candidates.map((c) => `${c.sector}:${c.score}`).join(" "));
  }
await opened.close();
