import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import type { Deps } from "../../src/app/deps.js";
import { addInspector } from "../../src/app/inspectors/roster.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { CLI_ACTOR } from "../../src/app/staff/actor.js";
import { createApp } from "../../src/http/app.js";
import { LANG_COOKIE } from "../../src/http/routes/admin/context.js";
import { auditLog, inspectionAttachments, inspections, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ORIGIN, login, makeStaff } from "./admin-support.js";

const CJK = /[\u3400-\u9fff]/;

describe.each(DB_KINDS)("/admin/inspections over HTTP on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let fire: number;
  let officers: number[];
  let enterpriseId: number;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2024-05-20T03:00:00Z") });
    app = createApp({ deps });
    [{ id: fire }] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, "450102:emergency"));
    officers = [
      (await addInspector(deps, CLI_ACTOR, { unitId: fire, name: "黄海", certificateNo: "NN-1" })).id,
      (await addInspector(deps, CLI_ACTOR, { unitId: fire, name: "蒙丽", certificateNo: "NN-2" })).id,
    ];
    enterpriseId = (
      await upsertEnterprise(deps, { name: "兴宁区恒安加油站", sectorCode: "hazardous_chemicals", jurisdictionCode: "450102", supervisingLevel: "county" })
    ).id;
    await makeStaff(deps, { username: "xn-unit", role: "unit", unit: "450102:emergency" });
    await makeStaff(deps, { username: "xn-viewer", role: "viewer", jurisdictionCode: "450102" });
  });
  afterAll(async () => database?.close());

  const send = (path: string, cookie: string, form: [string, string][]) =>
    app.request(path, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: cookie },
    });

  it("records, shows in English without Chinese prose, edits with history, and strips a photo's metadata", async () => {
    const s = await login(app, "xn-unit");
    const fields: [string, string][] = [
      ["_csrf", s.csrf],
      ["enterpriseId", String(enterpriseId)],
      ["inspectedOn", "2024-05-18"],
      ["kind", "joint"],
      ["finding_0", "卸油口静电接地失效"],
      ["major_0", "1"],
      ["orderedCorrection", "1"],
      ["correctionDeadline", "2024-05-25"],
      ["fineYuan", "12,500.5"],
    ];
    const bad = await send("/admin/inspections", s.cookie, [...fields, ["inspectorIds", String(officers[0])], ["fineYuan", "x"]]);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("执法人员不得少于两人");
    // The form comes back as left: the chosen enterprise and the typed finding stay.
    expect(badHtml).toContain(`value="${enterpriseId}" checked`);
    expect(badHtml).toContain("卸油口静电接地失效");

    const ok = await send("/admin/inspections", s.cookie, [...fields, ["inspectorIds", String(officers[0])], ["inspectorIds", String(officers[1])]]);
    expect(ok.status).toBe(303);
    const id = Number(/\/admin\/inspections\/(\d+)/.exec(ok.headers.get("location") ?? "")![1]);
    const [row] = await deps.db.select().from(inspections).where(eq(inspections.id, id));
    expect(row).toMatchObject({ unitId: fire, fineFen: 1_250_050, kind: "joint", correctionDeadline: "2024-05-25" });

    const en = await app.request(`/admin/inspections/${id}`, { headers: { Cookie: `${s.cookie}; ${LANG_COOKIE}=en` } });
    const page = await en.text();
    expect(en.status).toBe(200);
    const detail = /<dl class="card inspection">([\s\S]*?)<\/dl>/.exec(page)?.[1] ?? "";
    expect(page).toContain('<html lang="en"');
    const prose = detail.replace(/<[^>]+>/g, " ").replace(/兴宁区恒安加油站|卸油口静电接地失效|黄海|蒙丽|\S*应急管理局/g, "");
    expect(CJK.test(prose), prose).toBe(false);
    expect(detail).toContain("Ordered to correct");
    expect(detail).toContain("12500.50");

    const edited = await send(`/admin/inspections/${id}`, s.cookie, [
      ...fields.filter(([k]) => k !== "fineYuan"),
      ["fineYuan", "10000"],
      ["inspectorIds", String(officers[0])],
      ["inspectorIds", String(officers[1])],
    ]);
    expect(edited.status).toBe(303);
    const [edit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "inspection.edit"), eq(auditLog.entityId, String(id))));
    expect(edit.before).toMatchObject({ fineFen: 1_250_050, version: 1 });
    expect(edit.after).toMatchObject({ fineFen: 1_000_000, version: 2 });

    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c63" } })
      .jpeg()
      .withExif({ IFD0: { Make: "LeakyPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1" } })
      .toBuffer();
    const form = new FormData();
    form.set("_csrf", s.csrf);
    form.set("file", new File([photo], "现场.jpg", { type: "image/jpeg" }));
    const up = await app.request(`/admin/inspections/${id}/files`, { method: "POST", body: form, headers: { Origin: ORIGIN, Cookie: s.cookie } });
    expect(up.status).toBe(303);
    const [file] = await deps.db.select().from(inspectionAttachments).where(eq(inspectionAttachments.inspectionId, id));
    expect(Buffer.from(file.body).includes("LeakyPhone")).toBe(false);
    expect((await sharp(Buffer.from(file.body)).metadata()).exif).toBeUndefined();
    const got = await app.request(`/admin/inspections/${id}/files/${file.id}`, { headers: { Cookie: s.cookie } });
    expect(got.headers.get("content-disposition")).toBe("attachment");
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(file.body))).toBe(true);

    // A viewer reads but records nothing.
    const v = await login(app, "xn-viewer");
    expect((await app.request(`/admin/inspections/${id}`, { headers: { Cookie: v.cookie } })).status).toBe(200);
    expect((await send("/admin/inspections", v.cookie, [["_csrf", v.csrf], ...fields.slice(1)])).status).toBe(403);
    expect((await app.request("/admin/inspections/new", { headers: { Cookie: v.cookie } })).status).toBe(403);
  });
});
