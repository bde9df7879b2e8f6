import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { loadConfig, openNode } from "../../src/bootstrap.js";
import { silentLogger } from "../../src/adapters/logger.js";
import { createCrypto } from "../../src/adapters/crypto.js";
import { phoneLiaisons } from "../../src/app/liaisons/phone-liaison.js";
import { liaisons, units } from "../../src/db/schema.js";
import { seedDefaults } from "../../src/db/seed.js";
import { TEST_SECRET } from "../support/deps.js";

describe("start-up fills the keyed phone hash of liaisons stored before it existed", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-phone-hash-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("an inbound SMS finds a legacy phone liaison after the next start; an undecryptable row is only counted", async () => {
    const config = loadConfig({ DATA_DIR: dataDir, APP_SECRET: TEST_SECRET });
    const first = await openNode(config, silentLogger);
    await seedDefaults(first.deps.db);
    const [unit] = await first.deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    const other = createCrypto("another-app-secret-0123456789abcdef-xyz");
    await first.deps.db.insert(liaisons).values([
      { unitId: unit.id, phoneEnc: first.deps.crypto.encrypt("+8613800001234") },
      { unitId: unit.id, phoneEnc: other.encrypt("+8613800005678") },
    ]);
    expect(await phoneLiaisons(first.deps.db, first.deps, "+8613800001234")).toEqual([]);
    await first.close();

    const second = await openNode(config, silentLogger);
    try {
      const found = await phoneLiaisons(second.deps.db, second.deps, "+8613800001234");
      expect(found.map((l) => l.unitId)).toEqual([unit.id]);
      expect(second.warnings.join("\n")).toMatch(/1 liaison phone number\(s\) cannot be decrypted/);
      const hashes = (await second.deps.db.select({ hash: liaisons.phoneHash }).from(liaisons).where(eq(liaisons.unitId, unit.id))).map((r) => r.hash);
      expect(hashes.filter(Boolean)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
