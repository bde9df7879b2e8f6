import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { importEnterprises } from "../../src/app/enterprises/import-enterprises.js";
import { updateEnterprise } from "../../src/app/enterprises/update-enterprise.js";
import { prepareExposure } from "../../src/app/exposure/prepare-exposure.js";
import { decideExposure } from "../../src/app/exposure/decide-exposure.js";
import { exposureBoard } from "../../src/app/exposure/exposure-board.js";
import { addListing } from "../../src/app/blacklist/add-listing.js";
import { decideRemoval } from "../../src/app/blacklist/decide-removal.js";
import { exportBlacklist, importBlacklist } from "../../src/app/blacklist/blacklist-csv.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { auditLog, blacklistEntries, enterprises } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const code = (n: number) => {
  const first = `91450102MA5X${String(n).padStart(5, "0")}`;
  return first + creditCodeCheckChar(first);
};

describe.each(DB_KINDS)("曝光台 and 黑名单 verbs on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  const alice: StaffActor = { id: 11, username: "alice", displayName: "A", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };
  const bob: StaffActor = { ...alice, id: 12, username: "bob" };
  const liuzhou: StaffActor = { ...alice, id: 13, username: "lz", jurisdictionCode: "450200" };
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2026-11-20T04:00:00Z") });
    const csv = [
      "name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted",
      `南宁市甲化工有限公司,${code(1)},hazardous_chemicals,450102,county,good,no`,
      `南宁市乙建筑有限公司,${code(2)},construction,450103,county,average,no`,
      `南宁市丙商贸有限公司,${code(3)},fire_safety,450105,county,average,no`,
    ].join("\n");
    const imported = await importEnterprises(deps, alice, { csv });
    expect(imported).toMatchObject({ ok: true, created: 3 });
  });
  afterAll(async () => database?.close());
  const enterprise = async (n: number) =>
    (
      await deps.db
        .select()
        .from(enterprises)
        .where(eq(enterprises.creditCode, code(n)))
    )[0];

  it("a draft is published only by a second committee account, then withdrawn with a reason; the board shows the notice", async () => {
    const draft = await prepareExposure(deps, alice, {
      kind: "hazard",
      source: "manual",
      creditCode: code(1),
      findings: "储罐区可燃气体报警器失效",
      measures: "责令停产整改，罚款五万元",
      occurredOn: "2026-11-03",
    });
    // Not in public while a draft.
    expect((await exposureBoard(deps, { quarter: "2026-Q4" })).exposures).toEqual([]);
    await expect(decideExposure(deps, alice, { id: draft.id, action: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideExposure(deps, liuzhou, { id: draft.id, action: "approve" })).rejects.toMatchObject({ code: "not_found" });
    await expect(decideExposure(deps, bob, { id: draft.id, action: "withdraw", reason: "错误" })).rejects.toMatchObject({ code: "conflict" });
    await decideExposure(deps, bob, { id: draft.id, action: "approve" });
    await expect(decideExposure(deps, bob, { id: draft.id, action: "approve" })).rejects.toMatchObject({ code: "conflict" });

    const board = await exposureBoard(deps, { area: "450100", quarter: "2026-Q4" });
    expect(board.exposures).toEqual([
      expect.objectContaining({
        id: draft.id,
        status: "published",
        enterprise: "南宁市甲化工有限公司",
        findings: "储罐区可燃气体报警器失效",
        date: "2026-11-03",
      }),
    ]);
    expect((await exposureBoard(deps, { area: "450200", quarter: "2026-Q4" })).exposures).toEqual([]);
    expect((await exposureBoard(deps, { area: "450100", quarter: "2026-Q3" })).exposures).toEqual([]);

    await expect(decideExposure(deps, bob, { id: draft.id, action: "withdraw", reason: "" })).rejects.toMatchObject({ code: "invalid_input" });
    await decideExposure(deps, alice, { id: draft.id, action: "withdraw", reason: "企业已提出异议，待复核" });
    const after = await exposureBoard(deps, { quarter: "2026-Q4" });
    expect(after.exposures).toEqual([{ id: draft.id, kind: "hazard", status: "withdrawn", withdrawnOn: "2026-11-20" }]);
    expect(JSON.stringify(after)).not.toContain("储罐区");
    const audited = await deps.db.select().from(auditLog).where(like(auditLog.action, "exposure.%"));
    expect(audited.filter((a) => a.entityId === String(draft.id)).map((a) => a.action)).toEqual([
      "exposure.prepared",
      "exposure.published",
      "exposure.withdrawn",
    ]);
  });

  it("refuses a day that is not on the calendar (Date.parse would roll 2026-02-30 over)", async () => {
    await expect(
      prepareExposure(deps, alice, {
        kind: "hazard",
        source: "manual",
        creditCode: code(2),
        findings: "无证经营",
        measures: "依法取缔",
        occurredOn: "2026-02-30",
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      addListing(deps, alice, { creditCode: code(2), legalBasis: "依据", listingUnit: "南宁市应急管理局", startsOn: "2026-02-30", reason: "原因说明" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("refuses a manual entry without findings, a tip that does not exist, and a place outside the preparer's scope", async () => {
    await expect(
      prepareExposure(deps, alice, { kind: "violation", source: "manual", creditCode: code(2), findings: "", measures: "责令整改", occurredOn: "2026-11-01" }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(
      prepareExposure(deps, alice, {
        kind: "violation",
        source: "tip",
        sourceRef: "NOPE1234",
        findings: "无证经营",
        measures: "责令整改",
        occurredOn: "2026-11-01",
      }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      prepareExposure(deps, liuzhou, {
        kind: "closure",
        source: "manual",
        creditCode: code(2),
        findings: "无证经营",
        measures: "依法取缔",
        occurredOn: "2026-11-01",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("a listing makes the enterprise blacklisted and 重点; removal needs a second person and restores the class", async () => {
    const e = await enterprise(1);
    expect(e.riskClass).toBe("good");
    const { id } = await addListing(deps, alice, {
      creditCode: code(1),
      legalBasis: "《安全生产法》第九十二条",
      listingUnit: "南宁市应急管理局",
      startsOn: "2026-11-05",
      plannedEndOn: "2027-11-04",
      reason: "拒不整改重大事故隐患",
    });
    expect(await enterprise(1)).toMatchObject({ blacklisted: true, riskClass: "poor" });
    // The enterprise form cannot clear the flag while the listing is in force: only 信用修复 can.
    const listed = await enterprise(1);
    await expect(
      updateEnterprise(deps, alice, {
        id: String(listed.id),
        name: listed.name,
        creditCode: listed.creditCode ?? undefined,
        sectorCode: listed.sectorCode as "hazardous_chemicals",
        jurisdictionCode: listed.jurisdictionCode,
        supervisingLevel: listed.supervisingLevel,
        riskClass: "poor",
        blacklisted: false,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    // A second listing keeps the class to restore from before the first.
    const second = await addListing(deps, alice, {
      enterpriseId: e.id,
      legalBasis: "《消防法》第六十条",
      listingUnit: "南宁市消防救援支队",
      startsOn: "2026-11-06",
      reason: "堵塞消防通道屡教不改",
    });

    await decideRemoval(deps, alice, { id, action: "request", reason: "已完成整改并通过复查" });
    await expect(decideRemoval(deps, alice, { id, action: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await decideRemoval(deps, bob, { id, action: "approve" });
    // The other listing still holds: still listed and poor.
    expect(await enterprise(1)).toMatchObject({ blacklisted: true, riskClass: "poor" });

    await decideRemoval(deps, bob, { id: second.id, action: "request", reason: "整改完毕" });
    await decideRemoval(deps, alice, { id: second.id, action: "refuse", reason: "复查未通过" });
    expect((await deps.db.select().from(blacklistEntries).where(eq(blacklistEntries.id, second.id)))[0].status).toBe("listed");
    await decideRemoval(deps, bob, { id: second.id, action: "request", reason: "再次复查通过" });
    await decideRemoval(deps, alice, { id: second.id, action: "approve" });
    expect(await enterprise(1)).toMatchObject({ blacklisted: false, blacklistedAt: null, riskClass: "good" });

    const board = await exposureBoard(deps, { quarter: "2026-Q4" });
    expect(board.blacklist.find((l) => l.id === id)).toMatchObject({ status: "removed", removedOn: "2026-11-20", legalBasis: "《安全生产法》第九十二条" });
    const actions = (await deps.db.select().from(auditLog).where(like(auditLog.action, "blacklist.%"))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["blacklist.listed", "blacklist.removal_requested", "blacklist.removed", "blacklist.removal_refused"]));
  });

  it("keeps a risk class changed by hand while listed", async () => {
    const { id } = await addListing(deps, alice, {
      creditCode: code(3),
      legalBasis: "依据",
      listingUnit: "南宁市应急管理局",
      startsOn: "2026-11-07",
      reason: "原因说明",
    });
    await deps.db
      .update(enterprises)
      .set({ riskClass: "average" })
      .where(eq(enterprises.creditCode, code(3)));
    await decideRemoval(deps, alice, { id, action: "request", reason: "整改完毕" });
    await decideRemoval(deps, bob, { id, action: "approve" });
    expect(await enterprise(3)).toMatchObject({ blacklisted: false, riskClass: "average" });
  });

  it("imports the CSV all or nothing, and an export imported again changes nothing", async () => {
    const header = "credit_code,legal_basis,listing_unit,starts_on,planned_end_on,reason";
    const bad = await importBlacklist(deps, alice, {
      csv: `${header}\n${code(2)},依据一,南宁市应急管理局,2026-11-10,,原因一\n91450102MA5X999999,依据二,某单位,2026-13-01,,原因二\n`,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => [e.row, e.field])).toEqual(
        expect.arrayContaining([
          [3, "credit_code"],
          [3, "starts_on"],
        ]),
      );
    expect(await enterprise(2)).toMatchObject({ blacklisted: false });

    const good = await importBlacklist(deps, alice, { csv: `${header}\n${code(2)},依据一,南宁市应急管理局,2026-11-10,2027-11-09,"原因一, 含逗号"\n` });
    expect(good).toEqual({ ok: true, rows: 1, listed: 1, skipped: 0 });
    expect(await enterprise(2)).toMatchObject({ blacklisted: true, riskClass: "poor" });

    const exported = await exportBlacklist(deps, alice);
    expect(exported).toContain(`${code(2)},南宁市乙建筑有限公司,依据一,南宁市应急管理局,2026-11-10,2027-11-09,"原因一, 含逗号",listed`);
    const again = await importBlacklist(deps, alice, { csv: exported.replace(/^\uFEFF/, "") });
    expect(again).toMatchObject({ ok: true, listed: 0 });
    expect(
      (
        await deps.db
          .select()
          .from(blacklistEntries)
          .where(eq(blacklistEntries.enterpriseId, (await enterprise(2)).id))
      ).length,
    ).toBe(1);
    await expect(importBlacklist(deps, { ...alice, role: "unit" }, { csv: exported })).rejects.toMatchObject({ code: "forbidden" });
  });
});
