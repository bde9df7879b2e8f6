import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { createDb, rows } from "../../src/db/client.js";
import { tips } from "../../src/db/schema.js";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";

/**
 * The audit chain survives a crash under load: tips are posted to `npm start` by eight concurrent
 * clients, the whole process group is killed with SIGKILL mid-load, the service is started again and
 * its sequencer links what the dead one left queued. Then, with the service stopped, every acknowledged
 * tip has its tip.received audit row in the chain, and `audit:verify --window 0` (no row may wait
 * unlinked at all) passes.
 */
describe.each(DB_KINDS)("audit chain after kill -9 under load (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  beforeAll(async () => {
    db = await serviceDb(kind);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("no acknowledged tip lacks its audit row, and none is left unlinked", async () => {
    const env = { ...db.env, INTAKE_LIMIT_PER_HOUR: "0" };
    svc = await startService(env);
    const url = svc.url;
    const acknowledged: string[] = [];
    let stop = false;
    const client = async (c: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${url}/api/v1/tips`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({
              text: `南宁市兴宁区某商场把消防通道堵死了，安全出口也锁着（客户端${c}第${i}次）`,
              jurisdictionCode: "450102",
              sector: "fire_safety",
            }),
          });
          const body = (await res.json()) as { trackingCode?: string };
          if (res.status === 201 && body.trackingCode) acknowledged.push(body.trackingCode);
        } catch {
          // the connection died with the process: not acknowledged
          if (stop) return;
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, c) => client(c));
    // Kill once load is flowing: at least 40 tips acknowledged.
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    await svc.kill9();
    stop = true;
    await Promise.all(clients);
    svc = undefined;
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    // Restarted, its sequencer links whatever the killed process left queued (logged once per start).
    svc = await startService(env);
    while (!svc.output().includes("audit sequencer running")) await new Promise((r) => setTimeout(r, 50));
    await svc.stop();
    svc = undefined;

    const database = await createDb({ DATA_DIR: `${db.dataDir}/pglite`, DATABASE_URL: db.env.DATABASE_URL });
    try {
      const stored = await database.db.select({ id: tips.id, code: tips.trackingCode }).from(tips).where(inArray(tips.trackingCode, acknowledged));
      expect(stored.length).toBe(acknowledged.length);
      const ids = stored.map((t) => String(t.id));
      const audited = await rows<{ entity_id: string; seq: string | null }>(
        database.db,
        sql`select a.entity_id, l.seq from audit_log a left join audit_links l on l.audit_id = a.id
             where a.entity = 'tip' and a.action = 'tip.received' and a.entity_id in ${sql`(${sql.join(
               ids.map((i) => sql`${i}`),
               sql`, `,
             )})`}`,
      );
      expect(new Set(audited.map((a) => a.entity_id))).toEqual(new Set(ids));
      expect(audited.filter((a) => a.seq === null)).toEqual([]);
    } finally {
      await database.close();
    }
    const verified = await runCli(db.env, ["audit:verify", "--window", "0"]);
    expect(verified).toMatch(/audit log OK: \d+ entries, chain intact; 0 newer than 0 s not linked yet/);
  }, 300_000);
});
