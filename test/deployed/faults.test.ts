import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { gatewaySignature } from "../../src/adapters/sms/signatures.js";
import { DB_KINDS, type DbKind } from "../support/db.js";
import { createPgCluster, pgBinDir, type PgCluster } from "../support/pg-cluster.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";

/**
 * Faults from outside, on the real `npm start`: kill -9 under load, a kill -9 inside the window between
 * a tip's commit and its Idempotency-Key's receipt (old two-step code), a PostgreSQL restart under load
 * and a full disk. Rows are counted from outside: SQL on the server, or the PGlite directory after stop.
 */
const GATEWAY_SECRET = "fault-test-gateway-secret";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tipBody = (marker: string, n: number) => ({ text: `仓库消防通道被货物堵死，货架旁堆放烟花爆竹 ${marker}-${n}`, place: "南宁市兴宁区" });
const env = (db: ServiceDb, extra: Record<string, string> = {}) => ({ ...db.env, INTAKE_LIMIT_PER_HOUR: "0", SMS_GATEWAY_SECRET: GATEWAY_SECRET, ...extra });

interface Receipt {
  trackingCode: string;
  secret: string;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response | null> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  }).catch(() => null);
}

async function postSms(base: string, message: { id: string; from: string; text: string }): Promise<Response | null> {
  const body = JSON.stringify(message);
  return fetch(`${base}/sms/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature": gatewaySignature(GATEWAY_SECRET, body) },
    body,
    signal: AbortSignal.timeout(15_000),
  }).catch(() => null);
}

/** Rows of the service's database, read from outside: over SQL, or by opening the PGlite directory once the service has stopped. */
async function query<T>(db: ServiceDb, text: string): Promise<T[]> {
  if (db.kind === "postgres") {
    const sql = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      return (await sql.unsafe(text).simple()) as unknown as T[];
    } finally {
      await sql.end();
    }
  }
  const pg = await PGlite.create(join(db.dataDir, "pglite"));
  try {
    return (await pg.query<T>(text)).rows;
  } finally {
    await pg.close();
  }
}

describe.each(DB_KINDS)("kill -9 of npm start under API and SMS load on %s", (kind) => {
  let db: ServiceDb;
  beforeAll(async () => {
    db = await serviceDb(kind);
  });
  afterAll(async () => db?.drop());

  it("every acknowledged receipt works after restart, no key is stuck at 409, no tip is stored twice", async () => {
    const marker = `k9${randomBytes(3).toString("hex")}`;
    let svc = await startService(env(db));
    const base = svc.url;
    const apiAcks: { key: string; body: object; receipt: Receipt }[] = [];
    const smsAcks: Receipt[] = [];
    const seen409: string[] = [];
    let done = false;
    const deadline = Date.now() + 120_000;
    const apiClient = async (c: number) => {
      for (let i = 0; i < 12; i++) {
        const key = `${marker}-api-${c}-${i}`;
        const body = tipBody(marker, c * 100 + i);
        while (Date.now() < deadline) {
          const res = await postJson(`${base}/api/v1/tips`, body, { "Idempotency-Key": key });
          if (res?.status === 201) {
            apiAcks.push({ key, body, receipt: (await res.json()) as Receipt });
            break;
          }
          if (res?.status === 409) seen409.push(key);
          await res?.body?.cancel();
          await sleep(150); // network error (killed), 503 (starting) or 409: retry with the same key
        }
      }
    };
    const smsClient = async (c: number) => {
      for (let i = 0; i < 8; i++) {
        const message = {
          id: `${marker}-sms-${c}-${i}`,
          from: `+86138${String(c).padStart(4, "0")}${String(i).padStart(4, "0")}`,
          text: tipBody(marker, 5000 + c * 100 + i).text + " 南宁市兴宁区",
        };
        while (Date.now() < deadline) {
          const res = await postSms(base, message);
          if (res?.status === 200) {
            const { reply } = (await res.json()) as { reply: string };
            const m = /查询码(\S+?) 密钥([A-Z0-9-]+)/.exec(reply);
            expect(m, `an SMS tip's reply carries its receipt: ${reply}`).not.toBeNull();
            smsAcks.push({ trackingCode: m![1], secret: m![2] });
            break;
          }
          await res?.body?.cancel();
          await sleep(150);
        }
      }
    };
    const load = Promise.all([...[0, 1, 2, 3, 4, 5].map(apiClient), ...[0, 1, 2].map(smsClient)]);
    try {
      while (apiAcks.length + smsAcks.length < 12 && Date.now() < deadline) await sleep(50);
      await svc.kill9(); // mid-load: requests are in flight at every stage
      const killedAt = apiAcks.length + smsAcks.length;
      svc = await startService(env(db), { port: svc.port });
      await load;
      done = true;
      expect(apiAcks.length + smsAcks.length).toBeGreaterThan(killedAt);
      expect(apiAcks).toHaveLength(6 * 12);
      expect(smsAcks).toHaveLength(3 * 8);
      expect(seen409, "keys answered 409 (in progress) after the crash").toEqual([]);

      for (const r of [...apiAcks.map((a) => a.receipt), ...smsAcks]) {
        const res = await postJson(`${base}/api/v1/tips/status`, { trackingCode: r.trackingCode, secret: r.secret });
        expect(res?.status, `receipt ${r.trackingCode} does not work after the restart`).toBe(200);
      }
      // A retry of any acknowledged request, even now, replays the same receipt.
      for (const a of apiAcks.slice(0, 12)) {
        const res = await postJson(`${base}/api/v1/tips`, a.body, { "Idempotency-Key": a.key });
        expect(res?.status).toBe(201);
        expect(await res!.json()).toEqual(a.receipt);
      }
    } finally {
      if (!done) await load.catch(() => {});
      await svc.stop();
    }
    const rows = await query<{ text: string; n: number }>(db, `select text, count(*)::int as n from tips where text like '%${marker}-%' group by text`);
    expect(
      rows.filter((r) => r.n > 1),
      "tips stored twice",
    ).toEqual([]);
    expect(rows).toHaveLength(6 * 12 + 3 * 8);
  }, 300_000);
});

/**
 * The window the old code left open: its tip committed, then the key's receipt was written in a second
 * statement. A test-only trigger stalls that write (8 s) so that kill -9 lands exactly there.
 */
const STALL = `
  create or replace function jubao_test_stall() returns trigger language plpgsql as $$
  begin
    if new.source = 'api-idempotency' and new.response ? 'enc' then perform pg_sleep(8); end if;
    return new;
  end $$;
  create trigger jubao_test_stall before update on inbound_dedupe for each row execute function jubao_test_stall();`;
const UNSTALL = "drop trigger if exists jubao_test_stall on inbound_dedupe; drop function if exists jubao_test_stall();";

describe.each(DB_KINDS)("kill -9 between a tip and its Idempotency-Key receipt on %s", (kind) => {
  it("the retry after restart gets a receipt at once (not 409) and exactly one tip is stored", async () => {
    const db = await serviceDb(kind);
    const exec = async (text: string) => {
      if (kind === "postgres") await query(db, text);
      else {
        const pg = await PGlite.create(join(db.dataDir, "pglite"));
        await pg.exec(text);
        await pg.close();
      }
    };
    let svc: Service | undefined;
    try {
      await exec(STALL);
      svc = await startService(env(db));
      const marker = `st${randomBytes(3).toString("hex")}`;
      const body = tipBody(marker, 1);
      const headers = { "Idempotency-Key": `${marker}-key-0001` };
      const first = postJson(`${svc.url}/api/v1/tips`, body, headers);
      await sleep(3_000); // the tip is written; the receipt's write is stalled in the trigger
      await svc.kill9();
      expect(await first).toBeNull(); // the client never heard back
      if (kind === "postgres") {
        // The server notices the dead client only after the stall; end that session now, as a restart would.
        await query(db, "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
      }
      await exec(UNSTALL);
      svc = await startService(env(db), { port: svc.port });
      const retry = await postJson(`${svc.url}/api/v1/tips`, body, headers);
      expect(retry?.status, "the retry was refused as still in progress").toBe(201);
      const receipt = (await retry!.json()) as Receipt;
      expect((await postJson(`${svc.url}/api/v1/tips/status`, receipt))?.status).toBe(200);
      const again = await postJson(`${svc.url}/api/v1/tips`, body, headers);
      expect(await again!.json()).toEqual(receipt);
      await svc.stop();
      svc = undefined;
      const rows = await query<{ n: number }>(db, `select count(*)::int as n from tips where text like '%${marker}-%'`);
      expect(rows[0].n, "tips stored for one key").toBe(1);
    } finally {
      await svc?.kill9();
      await db.drop();
    }
  }, 240_000);
});

const bin = pgBinDir();
if (!bin) console.warn("[jubao tests] no initdb on this machine: the PostgreSQL restart fault test is skipped.");

describe.skipIf(!bin)("a PostgreSQL restart under load (throwaway initdb cluster)", () => {
  let cluster: PgCluster;
  let dataDir: string;
  beforeAll(async () => {
    cluster = await createPgCluster();
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await admin.unsafe("create database jubao");
    await admin.end();
    dataDir = mkdtempSync(join(tmpdir(), "jubao-pgr-"));
  });
  afterAll(() => {
    cluster?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("stays up, answers 503 quickly while the server is away, and serves 2xx again by itself", async () => {
    const url = cluster.url.replace(/\/postgres$/, "/jubao");
    // The app migrates and seeds the empty database itself, as a first deployment would.
    const svc = await startService(
      { DATABASE_URL: url, DATA_DIR: dataDir, APP_SECRET: randomBytes(32).toString("hex"), INTAKE_LIMIT_PER_HOUR: "0" },
      { timeoutMs: 240_000 },
    );
    const results: { status: number; ms: number; at: number }[] = [];
    let running = true;
    let n = 0;
    const client = async () => {
      while (running) {
        const started = Date.now();
        const res = await postJson(`${svc.url}/api/v1/tips`, tipBody("pgrestart", n++));
        results.push({ status: res?.status ?? 0, ms: Date.now() - started, at: started });
        await res?.body?.cancel();
        await sleep(20);
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, client));
    let exitedEarly = false;
    void svc.exited.then(() => (exitedEarly = true));
    const servedAfter = async (t: number) => {
      for (let i = 0; i < 100 && !results.some((r) => r.at >= t && r.status === 201); i++) await sleep(200);
      return results.some((r) => r.at >= t && r.status === 201);
    };
    try {
      expect(await servedAfter(0)).toBe(true);
      await cluster.restartFast();
      expect(await servedAfter(Date.now()), `no 201 after pg_ctl restart -m fast:\n${svc.output()}`).toBe(true);
      await cluster.stopImmediate();
      const downAt = Date.now();
      await sleep(3_000);
      const health = await fetch(`${svc.url}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      const upAt = Date.now(); // from here the server may be back
      await cluster.start();
      expect(await servedAfter(upAt), `no 201 after the server came back:\n${svc.output()}`).toBe(true);
      running = false;
      await load;
      expect(exitedEarly, `the app died:\n${svc.output()}`).toBe(false);
      expect(health).toBe(503);
      const during = results.filter((r) => r.at >= downAt + 500 && r.at + r.ms <= upAt);
      expect(during.length).toBeGreaterThan(0);
      expect(
        during.filter((r) => r.status !== 503),
        `answers while the server was down (stopped ${downAt}, started ${upAt})`,
      ).toEqual([]);
      expect(new Set(results.map((r) => r.status)).has(500), "a 500 during the restart").toBe(false);
      const slowest = Math.max(...during.map((r) => r.ms));
      console.info(`[pg restart] ${during.length} answers while down, all 503, slowest ${slowest} ms; ${results.length} requests in all`);
      expect(slowest).toBeLessThan(3_000);
      expect(svc.output()).not.toContain("TypeError");
    } finally {
      running = false;
      await load.catch(() => {});
      await svc.stop();
    }
  }, 360_000);
});

/** Root may mount a small tmpfs for DATA_DIR; elsewhere this is skipped visibly. */
function tryMountTmpfs(dir: string, megabytes: number): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("a full disk under PGlite's DATA_DIR", () => {
  it("answers 503 'try again later' (not 500), reports it on /healthz, logs it once, and recovers when space is freed", async (ctx) => {
    const db = await serviceDb("pglite" as DbKind);
    const mountPoint = mkdtempSync(join(tmpdir(), "jubao-full-"));
    if (!tryMountTmpfs(mountPoint, 96)) {
      console.warn("[jubao tests] cannot mount a tmpfs here (not root?): the full-disk test is skipped.");
      await db.drop();
      ctx.skip();
      return;
    }
    let svc: Service | undefined;
    try {
      mkdirSync(join(mountPoint, "data"));
      cpSync(join(db.dataDir, "pglite"), join(mountPoint, "data", "pglite"), { recursive: true });
      svc = await startService(env(db, { DATA_DIR: join(mountPoint, "data"), BACKUP_KEEP: "0" }));
      expect((await postJson(`${svc.url}/api/v1/tips`, tipBody("full", 0)))?.status).toBe(201);
      const free = statfsSync(mountPoint);
      try {
        writeFileSync(join(mountPoint, "filler"), Buffer.alloc(Number(free.bavail * free.bsize)));
      } catch {
        // filled up to the last block
      }
      const statuses: number[] = [];
      let body: { error?: string; message?: string } = {};
      for (let i = 1; i <= 40 && !statuses.includes(503); i++) {
        const res = await postJson(`${svc.url}/api/v1/tips`, { ...tipBody("full", i), text: `${tipBody("full", i).text} ${"补充说明".repeat(400)}` });
        statuses.push(res?.status ?? 0);
        if (res?.status === 503) body = (await res.json()) as typeof body;
        else await res?.body?.cancel();
      }
      expect(
        statuses.filter((s) => s !== 201 && s !== 503),
        `answers while the disk was full: ${statuses}`,
      ).toEqual([]);
      expect(statuses).toContain(503);
      expect(body.message).toMatch(/try again later/);
      const health = await fetch(`${svc.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, storage: "disk_full" });
      await postJson(`${svc.url}/api/v1/tips`, tipBody("full", 99)); // a second failure is not logged again
      expect(svc.output().split("disk is full").length - 1).toBe(1);

      rmSync(join(mountPoint, "filler"));
      expect((await postJson(`${svc.url}/api/v1/tips`, tipBody("full", 100)))?.status).toBe(201);
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
      await svc.stop();
      svc = undefined;
    } finally {
      await svc?.kill9();
      try {
        execFileSync("umount", [mountPoint], { stdio: "ignore" });
      } catch {
        // left mounted only if something still holds it
      }
      rmSync(mountPoint, { recursive: true, force: true });
      await db.drop();
    }
  }, 240_000);
});
