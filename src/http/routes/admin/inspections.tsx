import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { attachInspectionFile, MAX_INSPECTION_FILE_BYTES } from "../../../app/inspections/attach-inspection-file.js";
import {
  getInspection,
  getInspectionAttachment,
  inspectionFormOptions,
  listInspections,
  searchEnterprisesForRecord,
  type InspectionDetail,
} from "../../../app/inspections/list-inspections.js";
import { INSPECTION_KINDS, inspectionProblems, recordInspection, updateInspection } from "../../../app/inspections/record-inspection.js";
import { shanghaiDate } from "../../../domain/deadlines.js";
import { inspectionFromBody } from "../../inspection-body.js";
import type { InspectionFormValues } from "../../views/inspection-form.js";
import { InspectionPage, InspectionsPage, NewInspectionPage, yuan } from "../../views/admin/inspections.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

/** The file upload's body limit: the file plus the form around it. */
export const INSPECTION_FILE_LIMIT_BYTES = MAX_INSPECTION_FILE_BYTES + 64 * 1024;
export const INSPECTION_FILE_PATH = /^\/admin\/inspections\/\d+\/files$/;

const id = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : 0);

/** A stored record as the form's values, for its edit. */
export function valuesOf(d: InspectionDetail): InspectionFormValues {
  const i = d.inspection;
  return {
    unitId: String(i.unitId),
    enterpriseId: String(i.enterpriseId),
    enterpriseName: d.enterprise.name,
    inspectedOn: i.inspectedOn,
    kind: i.kind,
    inspectorIds: d.officers.map((o) => String(o.id)),
    findings: (i.findings ?? []) as { text: string; major: boolean }[],
    orderedCorrection: i.orderedCorrection,
    suspended: i.suspended,
    licenceAction: i.licenceAction,
    closed: i.closed,
    referredToPolice: i.referredToPolice,
    detentions: String(i.detentions),
    arrests: String(i.arrests),
    caseNo: i.caseNo ?? "",
    fineYuan: i.fineFen ? yuan(i.fineFen) : "",
    correctionDeadline: i.correctionDeadline ?? "",
    tipId: i.tipId ? String(i.tipId) : "",
    reinspectionOfId: i.reinspectionOfId ? String(i.reinspectionOfId) : "",
    planItemId: i.planItemId ? String(i.planItemId) : "",
    drawId: i.drawId ? String(i.drawId) : "",
    note: i.note ?? "",
  };
}

const idParam = (s: string | undefined) => (s && /^\d{1,9}$/.test(s) ? s : "");

/**
 * A new record's starting values from the link that opened it: a plan item's or a draw pick's "record"
 * link names the unit, enterprise, kind, the item or draw, and (for a draw) the officers drawn. The verb
 * checks them all again on submit; here they only fill the form.
 */
function linkedValues(c: Context<AdminEnv>, today: string): InspectionFormValues {
  const kind = c.req.query("kind");
  return {
    unitId: idParam(c.req.query("unitId")),
    enterpriseId: idParam(c.req.query("enterpriseId")) || undefined,
    kind: (INSPECTION_KINDS as readonly string[]).includes(kind ?? "") ? kind : undefined,
    planItemId: idParam(c.req.query("planItemId")),
    drawId: idParam(c.req.query("drawId")),
    inspectorIds: c.req
      .queries("inspectorIds")
      ?.filter((x) => /^\d{1,9}$/.test(x))
      .slice(0, 20),
    inspectedOn: today,
  };
}

/** Inspection records (执法检查记录): list with filters, new, detail with edit and files. */
export function inspectionRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/inspections", requireSession);
  r.use("/inspections/*", requireSession);
  const base = (c: Context<AdminEnv>) => ({ t: c.get("t"), locale: c.get("locale"), actor: c.get("session")!.actor, csrf: c.get("session")!.csrfToken });

  r.get("/inspections", async (c) => {
    const q = (k: string) => c.req.query(k) || undefined;
    const result = await listInspections(deps, c.get("session")!.actor, {
      q: q("q")?.slice(0, 100),
      kind: q("kind") as "planned" | undefined,
      month: q("month"),
      due: c.req.query("due") === "1" || undefined,
      page: /^\d{1,4}$/.test(c.req.query("page") ?? "") ? Number(c.req.query("page")) || 1 : 1,
    });
    return c.html(<InspectionsPage {...base(c)} result={result} />);
  });

  const formFor = async (
    c: Context<AdminEnv>,
    values: InspectionFormValues,
    extra: { action: string; q?: string; problems?: ReturnType<typeof inspectionProblems> },
  ) => {
    const actor = c.get("session")!.actor;
    const options = await inspectionFormOptions(deps, actor, {
      unitId: values.unitId ? id(values.unitId) || undefined : undefined,
      enterpriseId: values.enterpriseId ? id(values.enterpriseId) || undefined : undefined,
    });
    const found = extra.q ? await searchEnterprisesForRecord(deps, actor, extra.q) : [];
    return {
      action: extra.action,
      searchAction: extra.action === "/admin/inspections" ? "/admin/inspections/new" : extra.action,
      q: extra.q,
      found,
      units: options.units,
      roster: options.roster,
      openDue: options.openDue,
      values: {
        ...values,
        unitId: values.unitId || (options.unitId ? String(options.unitId) : ""),
        enterpriseId: options.enterprise ? values.enterpriseId : undefined,
        enterpriseName: options.enterprise?.name,
      },
      problems: extra.problems ?? undefined,
    };
  };

  r.get("/inspections/new", async (c) => {
    if (c.get("session")!.actor.role === "viewer") throw new AppError("forbidden", "read-only role");
    const q = c.req.query("q")?.slice(0, 100) || undefined;
    const values = linkedValues(c, shanghaiDate(deps.clock()));
    return c.html(<NewInspectionPage {...base(c)} form={await formFor(c, values, { action: "/admin/inspections", q })} />);
  });

  r.post("/inspections", requireCsrfToken, async (c) => {
    const { values, input } = inspectionFromBody(await c.req.parseBody({ all: true }));
    try {
      const row = await recordInspection(deps, c.get("session")!.actor, input);
      return c.redirect(`/admin/inspections/${row.id}?done=1`, 303);
    } catch (err) {
      const problems = inspectionProblems(err);
      if (!problems) throw err;
      return c.html(<NewInspectionPage {...base(c)} form={await formFor(c, values, { action: "/admin/inspections", problems })} />, 400);
    }
  });

  r.get("/inspections/:id{[0-9]+}", async (c) => {
    const actor = c.get("session")!.actor;
    const d = await getInspection(deps, actor, id(c.req.param("id")));
    const q = c.req.query("q")?.slice(0, 100) || undefined;
    const edit = actor.role === "viewer" ? undefined : await formFor(c, valuesOf(d), { action: `/admin/inspections/${d.inspection.id}`, q });
    return c.html(<InspectionPage {...base(c)} d={d} done={c.req.query("done")} edit={edit} />);
  });

  r.post("/inspections/:id{[0-9]+}", requireCsrfToken, async (c) => {
    const actor = c.get("session")!.actor;
    const inspectionId = id(c.req.param("id"));
    const d = await getInspection(deps, actor, inspectionId);
    const { values, input } = inspectionFromBody(await c.req.parseBody({ all: true }));
    try {
      await updateInspection(deps, actor, inspectionId, input);
      return c.redirect(`/admin/inspections/${inspectionId}?done=1`, 303);
    } catch (err) {
      const problems = inspectionProblems(err);
      if (!problems) throw err;
      const edit = await formFor(c, { ...values, enterpriseName: d.enterprise.name }, { action: `/admin/inspections/${inspectionId}`, problems });
      return c.html(<InspectionPage {...base(c)} d={d} edit={edit} />, 400);
    }
  });

  r.post("/inspections/:id{[0-9]+}/files", requireCsrfToken, async (c) => {
    const inspectionId = id(c.req.param("id"));
    // Scope first: another unit's record is a 404 whatever the form holds.
    await getInspection(deps, c.get("session")!.actor, inspectionId);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) throw new AppError("invalid_input", "no file");
    await attachInspectionFile(deps, c.get("session")!.actor, {
      inspectionId,
      body: new Uint8Array(await file.arrayBuffer()),
      mimeType: file.type.slice(0, 100) || undefined,
      fileName: file.name.slice(0, 255) || undefined,
    });
    return c.redirect(`/admin/inspections/${inspectionId}?done=file`, 303);
  });

  r.get("/inspections/:id{[0-9]+}/files/:file{[0-9]+}", async (c) => {
    const f = await getInspectionAttachment(deps, c.get("session")!.actor, id(c.req.param("id")), id(c.req.param("file")));
    return c.body(f.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": f.mimeType,
      "Content-Disposition": "attachment",
      "X-Content-Type-Options": "nosniff",
    });
  });
  return r;
}
