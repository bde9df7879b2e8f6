import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { freeTcpPort } from "../support/telegram-emulator.js";

const GATEWAY_SECRET = "deployed-sms-liaison-secret";
const UNIT = "430422103:township";
const PHONE = "+8613800138011";

/** The SMS provider at the process edge: a local generic gateway that records what it is asked to send. */
async function fakeGateway(): Promise<{ url: string; sent: { to: string; text: string }[]; close(): Promise<void> }> {
  const sent: { to: string; text: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const ok = req.headers["x-signature"] === createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex");
      if (ok) sent.push(JSON.parse(body) as { to: string; text: string });
      res.writeHead(ok ? 200 : 403, { "content-type": "application/json" }).end(JSON.stringify({ id: `gw-${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/send`, sent, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * #13 item 2 on `npm start` and the CLI, driven from outside: staff add a phone-only liaison and urge the
 * unit (`remind`), the outbox sends the SMS through the gateway with a one-time desk link, the link signs
 * in to /desk once, the liaison files the month by SMS with a warning confirmed by 确认, and the month
 * shows on the desk and in `export`.
 */
describe.each(DB_KINDS)("a liaison without Telegram, deployed, on %s", (kind) => {
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

  it("SMS reminder with a one-time desk link → /desk once → 月报 by SMS with 确认 → desk and export show the month", async () => {
    const port = await freeTcpPort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const env = { ...db.env, SMS_PROVIDER: "generic", SMS_GATEWAY_SECRET: GATEWAY_SECRET, SMS_GATEWAY_URL: gateway.url, PUBLIC_URL: publicUrl };

    // Operators, before the service starts (PGlite allows one process on its data directory).
    expect(await runCli(env, ["liaison:add", "--unit", UNIT, "--phone", "138 0013 8011"])).toMatch(
      /liaison #\d+ added to 茶市镇人民政府 .*SMS \+86138\*\*\*\*8011/,
    );
    const started = await runCli(env, ["campaign:start", "--template", "hengnan-2018", "--jurisdiction", "430422", "--figures-due-day", "5"]);
    const campaignId = /campaign (\d+) started/.exec(started)?.[1];
    expect(campaignId, started).toBeDefined();
    expect(await runCli(env, ["remind", "--unit", UNIT])).toMatch(/queued for 1 liaison\(s\)/);

    svc = await startService(env, { port });
    const deadline = Date.now() + 30_000;
    while (!gateway.sent.some((m) => m.to === PHONE) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const reminder = gateway.sent.find((m) => m.to === PHONE);
    expect(reminder, svc.output()).toBeDefined();
    const link = new RegExp(`${publicUrl}(/desk/in/[A-Za-z0-9_-]{22})`).exec(reminder!.text)?.[1];
    expect(link, reminder!.text).toBeDefined();

    // The link: a page with a button (link checkers fetch by GET), then one sign-in.
    const page = await fetch(`${svc.url}${link}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("登录单位工作台");
    const signIn = () =>
      fetch(`${svc!.url}${link}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: publicUrl, "content-type": "application/x-www-form-urlencoded" },
        body: "",
      });
    const first = await signIn();
    expect(first.status).toBe(303);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/^jubao_admin=/);
    const desk = await fetch(`${svc.url}/desk`, { headers: { cookie }, redirect: "manual" });
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain("茶市镇人民政府");
    const second = await signIn();
    expect(second.status).toBe(410);
    expect(await second.text()).toContain("此链接已使用过");

    // 月报 by SMS: a warning held until 确认.
    let n = 0;
    const sms = async (text: string): Promise<string> => {
      const body = JSON.stringify({ from: PHONE, text, id: `liaison-${++n}` });
      const res = await fetch(`${svc!.url}/sms/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
        body,
        signal: AbortSignal.timeout(20_000),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { reply: string }).reply;
    };
    const asked = await sms("月报 十 5 8 0 1.2万元 0 0 0 0 0 0");
    expect(asked).toContain("出动执法人员 5 人次，少于执法活动 10 次所需的 20 人次");
    expect(asked).toContain("无误请回复“确认”");
    const month = /茶市镇人民政府(\d{4})年(\d{1,2})月月报/.exec(asked);
    expect(month, asked).not.toBeNull();
    const period = `${month![1]}-${month![2].padStart(2, "0")}`;
    expect(await sms("确认")).toMatch(/^茶市镇人民政府\d{4}年\d{1,2}月月报已报送。/);

    const after = await (await fetch(`${svc.url}/desk`, { headers: { cookie } })).text();
    expect(after).toContain(`${month![1]}年${month![2]}月 · 查看或更正`);

    await svc.stop();
    svc = undefined;
    const csv = await runCli(env, ["export", "--campaign", campaignId!, "--month", period, "--format", "csv", "--unit", UNIT]);
    const row = csv.split(/\r?\n/).find((l) => l.includes("出动执法人员"));
    expect(row, csv).toMatch(/出动执法人员.*\b5\b/);
    expect(csv).toMatch(/经济处罚.*1\.2/);
  }, 300_000);
});
