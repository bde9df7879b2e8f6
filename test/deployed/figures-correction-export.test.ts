import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { freeTcpPort } from "../support/telegram-emulator.js";

const GATEWAY_SECRET = "deployed-running-totals-secret";
const UNIT = "430422103:township";
const PHONE = "+8613800138012";

/** The SMS provider at the process edge: a local generic gateway that accepts what it is asked to send. */
async function fakeGateway(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "gw" })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/send`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Running totals (figure_totals) on `npm start` and the CLI: a liaison files a month by SMS, then corrects
 * it with a reason; the `export` 月报表 (read from the running totals) shows the corrected 本月数 and
 * 累计数, for the unit and in the summary, and never the first version's figure.
 */
describe.each(DB_KINDS)("a corrected month in the export, deployed, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  let gateway: Awaited<ReturnType<typeof fakeGateway>>;
  beforeAll(async () => {
    db = await serviceDb(kind);
    gateway = await fakeGateway();
  }, 120_000);
  afterAll(async () => {
    await svc?.kill9();
    await gateway?.close();
    await db?.drop();
  });

  it("月报 by SMS → correction with a reason → export shows the corrected 累计数", async () => {
    const port = await freeTcpPort();
    const env = {
      ...db.env,
      SMS_PROVIDER: "generic",
      SMS_GATEWAY_SECRET: GATEWAY_SECRET,
      SMS_GATEWAY_URL: gateway.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    };
    expect(await runCli(env, ["liaison:add", "--unit", UNIT, "--phone", "138 0013 8012"])).toMatch(/liaison #\d+ added/);
    const started = await runCli(env, ["campaign:start", "--template", "hengnan-2018", "--jurisdiction", "430422", "--figures-due-day", "5"]);
    const campaignId = /campaign (\d+) started/.exec(started)?.[1];
    expect(campaignId, started).toBeDefined();

    svc = await startService(env, { port });
    let n = 0;
    const sms = async (text: string): Promise<string> => {
      const body = JSON.stringify({ from: PHONE, text, id: `totals-${++n}` });
      const res = await fetch(`${svc!.url}/sms/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
        body,
        signal: AbortSignal.timeout(20_000),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { reply: string }).reply;
    };
    // 10 actions, 30 officers, 77 units inspected: filed at once (no warning).
    const filed = await sms("月报 10 30 77 0 0 0 0 0 0 0 0");
    const month = /茶市镇人民政府(\d{4})年(\d{1,2})月月报已报送/.exec(filed);
    expect(month, filed).not.toBeNull();
    const period = `${month![1]}-${month![2].padStart(2, "0")}`;
    // The same month again, named: a correction, held until 确认 with a reason.
    const asked = await sms(`月报 ${month![1]}年${month![2]}月 10 30 3 0 0 0 0 0 0 0 0`);
    expect(asked).toContain("本条将作为更正");
    expect(await sms("确认 检查家数录错")).toMatch(/月报已更正（第2版）/);

    await svc.stop();
    svc = undefined;
    const row = (csv: string) => csv.split(/\r?\n/).find((l) => l.includes("检查生产经营单位")) ?? "";
    const cells = (line: string) => line.split(",").map((c) => c.replace(/"/g, "").trim());
    const unitCsv = await runCli(env, ["export", "--campaign", campaignId!, "--month", period, "--format", "csv", "--unit", UNIT]);
    expect(cells(row(unitCsv)), unitCsv).toContain("3");
    expect(cells(row(unitCsv))).not.toContain("77");
    expect(cells(row(unitCsv)).filter((c) => c === "3")).toHaveLength(2); // 本月数 and 累计数
    const summary = await runCli(env, ["export", "--campaign", campaignId!, "--month", period, "--format", "csv"]);
    expect(
      cells(row(summary)).filter((c) => c === "3"),
      summary,
    ).toHaveLength(2);
    expect(summary).not.toMatch(/检查生产经营单位[^\n]*\b77\b/);
  }, 300_000);
});
