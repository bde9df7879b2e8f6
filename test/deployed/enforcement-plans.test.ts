import { createHash, createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.js";
import { inspectors, units } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders } from "./http-support.js";

interface Candidate {
  id: number;
  creditCode: string | null;
  name: string;
  weight: number;
  excluded: number[];
}

/**
 * The draw as the README describes it, written again here without the app's code: key = ln(u)/weight with
 * u from the first 48 bits of HMAC-SHA256(seed, "enterprise:<id>"), largest keys win; inspectors are the
 * roster ids not excluded with the smallest HMAC-SHA256(seed, "inspector:<enterprise>:<inspector>").
 */
function rerun(seed: string, candidates: Candidate[], roster: number[], count: number, per: number) {
  const mac = (m: string) => createHmac("sha256", Buffer.from(seed, "hex")).update(m).digest("hex");
  return candidates
    .map((c) => ({ c, key: Math.log((Number.parseInt(mac(`enterprise:${c.id}`).slice(0, 12), 16) + 0.5) / 2 ** 48) / c.weight }))
    .sort((a, b) => b.key - a.key || a.c.id - b.c.id)
    .slice(0, count)
    .map(({ c }) => ({
      enterpriseId: c.id,
      inspectorIds: roster
        .filter((i) => !c.excluded.includes(i))
        .map((i) => ({ i, k: mac(`inspector:${c.id}:${i}`) }))
        .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
        .slice(0, per)
        .map((x) => x.i),
    }));
}

/**
 * `npm start` with an enterprise list imported on the CLI: one committee member generates 衡南县应急管理局's
 * plan over HTTP, a second approves it (the first cannot), a draw is made and its public JSON re-run here
 * independently; `draws:verify` agrees after the server stops.
 */
describe.each(DB_KINDS)("plan → approval → draw on the wire (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;

  beforeAll(async () => {
    db = await serviceDb(kind);
    const rows = ["name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted"];
    let n = 0;
    const code = () => {
      const first17 = `914304220000${String(++n).padStart(5, "0")}`;
      return first17 + creditCodeCheckChar(first17);
    };
    for (let i = 0; i < 6; i++) rows.push(`衡南非煤矿山${i}号,${code()},non_coal_mine,430422103,county,good,0`);
    for (let i = 0; i < 4; i++) rows.push(`衡南化工${i}号,${code()},hazardous_chemicals,430422001,county,average,0`);
    for (let i = 0; i < 3; i++) rows.push(`衡南冶炼${i}号,${code()},industry_trade,430422001,county,poor,0`);
    for (let i = 0; i < 20; i++) rows.push(`衡南商贸${i}号,${code()},industry_trade,430422002,county,good,0`);
    const file = join(db.dataDir, "enterprises.csv");
    writeFileSync(file, `${rows.join("\n")}\n`);
    expect(await runCli(db.env, ["enterprises:import", "--file", file])).toContain("imported 33 enterprises");
    await cliCreateStaff(db.env, ["--username", "hn-plan-a", "--role", "committee", "--jurisdiction", "430422"]);
    await cliCreateStaff(db.env, ["--username", "hn-plan-b", "--role", "committee", "--jurisdiction", "430422"]);
    // The roster (no CLI for it yet): written before the server holds the database.
    const database = await createDb({ DATABASE_URL: db.env.DATABASE_URL, DATA_DIR: join(db.dataDir, "pglite") }, { max: 1 });
    const [unit] = await database.db.select().from(units).where(eq(units.key, "430422:emergency"));
    await database.db.insert(inspectors).values(["赵一", "钱二", "孙三", "李四"].map((name, i) => ({ unitId: unit.id, name, certificateNo: `HN-${i}` })));
    await database.close();
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("generates, approves by a second person, draws, publishes a draw anyone can re-run", async () => {
    const a = new Browser(svc!.url);
    await a.login("hn-plan-a");
    const page = await (await a.fetch("/admin/plans?year=2027")).text();
    const unitId = /<option value="(\d+)">430422 衡南县应急管理局<\/option>/.exec(page)?.[1];
    expect(unitId).toBeTruthy();

    const generated = await a.post("/admin/plans/generate", { unitId: unitId!, year: "2027", randomRatePct: "50" });
    expect(generated.status).toBe(303);
    const planPath = /^\/admin\/plans\/(\d+)\?done=1$/.exec(generated.headers.get("location") ?? "");
    expect(planPath).toBeTruthy();
    const planId = planPath![1];
    const planHtml = await (await a.fetch(`/admin/plans/${planId}`)).text();
    for (let i = 0; i < 6; i++) expect(planHtml).toContain(`衡南非煤矿山${i}号`);
    for (let i = 0; i < 3; i++) expect(planHtml.split(`衡南冶炼${i}号`).length - 1).toBe(4);
    expect(planHtml.split("<td>双随机</td>").length - 1).toBe(10); // 50 % of the 20 承诺 enterprises outside key sectors

    const own = await a.post(`/admin/plans/${planId}/approve`, {});
    expect(own.status).toBe(303);
    expect(own.headers.get("location")).toContain("error=forbidden");
    const b = new Browser(svc!.url);
    await b.login("hn-plan-b");
    const approved = await b.post(`/admin/plans/${planId}/approve`, {});
    expect(approved.headers.get("location")).toBe(`/admin/plans/${planId}?done=1`);
    expect(await (await b.fetch(`/admin/plans/${planId}`)).text()).toContain("已批准");
    const again = await a.post("/admin/plans/generate", { unitId: unitId!, year: "2027", randomRatePct: "10", reason: "再生成" });
    expect(again.headers.get("location")).toContain("error=conflict");
    const xlsx = await a.fetch(`/admin/plans/${planId}/export?format=xlsx`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const drawn = await a.post("/admin/draws", { unitId: unitId!, drawnOn: "2027-03-02", count: "4", perEnterprise: "2", sectorCode: "industry_trade" });
    expect(drawn.status).toBe(303);
    const drawId = /^\/public\/draws\/(\d+)$/.exec(drawn.headers.get("location") ?? "")?.[1];
    expect(drawId).toBeTruthy();

    // The public side: no session, both locales, JSON with everything needed to re-run.
    const html = await fetch(`${svc!.url}/public/draws/${drawId}?lang=en`);
    expect(html.status).toBe(200);
    expectSecurityHeaders(html, "public draw");
    expect(await html.text()).toContain("Random inspection draw");
    const res = await fetch(`${svc!.url}/api/v1/draws/${drawId}`);
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      seed: string;
      candidates: Candidate[];
      roster: { id: number; name: string }[];
      enterpriseCount: number;
      inspectorsPerEnterprise: number;
      candidateDigest: string;
      result: { enterpriseId: number; inspectors: { id: number }[] }[];
    };
    expect(json.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(json)).not.toContain("hn-plan-a");
    expect(json.candidates.map((c) => c.name).every((n) => n.startsWith("衡南冶炼") || n.startsWith("衡南商贸"))).toBe(true);
    expect(json.roster).toHaveLength(4);
    const digest = createHash("sha256")
      .update(JSON.stringify(json.candidates.map((c) => [c.id, c.creditCode, c.name, c.weight, c.excluded])))
      .digest("hex");
    expect(digest).toBe(json.candidateDigest);
    const mine = rerun(
      json.seed,
      json.candidates,
      json.roster.map((r) => r.id),
      json.enterpriseCount,
      json.inspectorsPerEnterprise,
    );
    expect(mine).toEqual(json.result.map((r) => ({ enterpriseId: r.enterpriseId, inspectorIds: r.inspectors.map((i) => i.id) })));
    expect(mine).toHaveLength(4);

    // A silent re-roll is refused; a re-draw with a reason keeps the first.
    const reroll = await a.post("/admin/draws", { unitId: unitId!, drawnOn: "2027-03-02", count: "4", perEnterprise: "2", sectorCode: "industry_trade" });
    expect(reroll.headers.get("location")).toContain("error=conflict");
    const redraw = await a.post("/admin/draws", {
      unitId: unitId!,
      drawnOn: "2027-03-02",
      count: "4",
      perEnterprise: "2",
      sectorCode: "industry_trade",
      supersedesId: drawId!,
      reason: "执法人员调整",
    });
    expect(redraw.headers.get("location")).toMatch(/^\/public\/draws\/\d+$/);
    const first = (await (await fetch(`${svc!.url}/api/v1/draws/${drawId}`)).json()) as { supersededBy: number | null; seed: string };
    expect(first.seed).toBe(json.seed);
    expect(first.supersededBy).toBeTruthy();

    await svc!.stop();
    svc = undefined;
    expect(await runCli(db.env, ["draws:verify", drawId!])).toContain(`draw ${drawId} OK`);
  }, 180_000);
});
