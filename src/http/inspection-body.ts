import type { InspectionInput } from "../app/inspections/record-inspection.js";
import type { InspectionFormValues } from "./views/inspection-form.js";
import { FINDING_ROWS } from "./views/inspection-form.js";

type Body = Record<string, string | File | (string | File)[]>;

/** The record form as posted: the values to show again, and the verb's input. */
export function inspectionFromBody(body: Body): { values: InspectionFormValues; input: InspectionInput } {
  const s = (k: string) => {
    const v = body[k];
    return typeof v === "string" ? v : "";
  };
  const all = (k: string) => {
    const v = body[k];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
  };
  const findings: { text: string; major: boolean }[] = [];
  for (let i = 0; i < FINDING_ROWS; i++) {
    const text = s(`finding_${i}`).trim();
    if (text) findings.push({ text, major: s(`major_${i}`) === "1" });
  }
  const values: InspectionFormValues = {
    unitId: s("unitId"),
    enterpriseId: s("enterpriseId"),
    inspectedOn: s("inspectedOn"),
    kind: s("kind"),
    inspectorIds: all("inspectorIds"),
    findings,
    orderedCorrection: s("orderedCorrection") === "1",
    suspended: s("suspended") === "1",
    licenceAction: s("licenceAction") === "1",
    closed: s("closed") === "1",
    referredToPolice: s("referredToPolice") === "1",
    detentions: s("detentions") || "0",
    arrests: s("arrests") || "0",
    caseNo: s("caseNo"),
    fineYuan: s("fineYuan"),
    correctionDeadline: s("correctionDeadline"),
    tipId: s("tipId"),
    reinspectionOfId: s("reinspectionOfId"),
    planItemId: s("planItemId"),
    drawId: s("drawId"),
    note: s("note"),
  };
  const input: InspectionInput = {
    unitId: values.unitId as unknown as number,
    enterpriseId: values.enterpriseId as unknown as number,
    inspectedOn: values.inspectedOn ?? "",
    kind: values.kind as InspectionInput["kind"],
    inspectorIds: (values.inspectorIds ?? []) as unknown as number[],
    findings,
    orderedCorrection: values.orderedCorrection,
    suspended: values.suspended,
    licenceAction: values.licenceAction,
    closed: values.closed,
    referredToPolice: values.referredToPolice,
    detentions: values.detentions as unknown as number,
    arrests: values.arrests as unknown as number,
    caseNo: values.caseNo,
    fineYuan: values.fineYuan,
    correctionDeadline: values.correctionDeadline,
    tipId: values.tipId as unknown as number,
    reinspectionOfId: values.reinspectionOfId as unknown as number,
    planItemId: values.planItemId as unknown as number,
    drawId: values.drawId as unknown as number,
    note: values.note,
  };
  return { values, input };
}
