import { createLogger } from "../src/adapters/logger.js";
import { loadConfig, openNode } from "../src/bootstrap.js";
import { routeTip } from "../src/app/routing/route-tip.js";
const opened = await openNode(loadConfig(process.env), createLogger("warn"));
for (const text of process.argv.slice(2)) {
  for (const model of [null, undefined]) {
    const d = await routeTip(opened.deps, { text }, { model });
    console.log(
      model === null ? "rules   " : "combined",
      d.sector,
      d.sectorSource,
      d.confidence,
      d.urgent ? "URGENT" : d.possiblyUrgent ? "possible" : "-",
      d.unit.name,
      "|",
      d.explanation.zh.slice(0, 160),
    );
  }
}
await opened.close();
