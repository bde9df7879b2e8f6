import { createInterface } from "node:readline";
import { routeTip, type RoutedTip } from "../app/routing/route-tip.js";
import type { Deps } from "../app/deps.js";
import type { CliIo } from "./io.js";

/** The CLI's JSON shape of a decision: stable field names that scripts rely on. */
export function decisionJson(d: RoutedTip) {
  return {
    sector: d.sector,
    confidence: Math.round(d.confidence * 1000) / 1000,
    jurisdiction: { code: d.jurisdiction.code, name: d.jurisdiction.name, fullName: d.jurisdiction.fullName },
    tier: d.tier,
    unit: { id: d.unit.id, name: d.unit.name },
    urgent: d.urgent,
    alsoAlert: d.alsoAlert ? { id: d.alsoAlert.id, name: d.alsoAlert.name } : null,
    enterprise: d.enterprise,
    evidence: d.evidence,
    explanation: d.explanation.zh,
    explanationEn: d.explanation.en,
    deadlines: { accept: d.deadlines.acceptance.date, verify: d.deadlines.verification.date },
  };
}

/** JSON Lines in, one decision per line out. A bad line gets an error line and the rest still run. */
export async function routeCommand(deps: Deps, io: CliIo): Promise<number> {
  let failures = 0;
  let n = 0;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    n++;
    if (line.trim() === "") continue;
    try {
      const tip = JSON.parse(line);
      const decision = await routeTip(deps, {
        text: String(tip.text ?? ""),
        place: tip.place || undefined,
        enterprise: tip.enterprise || undefined,
        sector: tip.sector || undefined,
        urgent: tip.urgent === true,
        jurisdictionCode: tip.jurisdictionCode || undefined,
        creditCode: tip.creditCode || undefined,
        channel: tip.channel || undefined,
      });
      io.stdout.write(JSON.stringify(decisionJson(decision)) + "\n");
    } catch (err) {
      failures++;
      const message = err instanceof SyntaxError ? "not valid JSON" : err instanceof Error && err.name === "ZodError" ? "invalid fields" : "could not route";
      io.stdout.write(JSON.stringify({ line: n, error: message }) + "\n");
    }
  }
  return failures > 0 ? 1 : 0;
}
