import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { getPlan } from "./plans.js";

const CLASS_ZH: Record<string, string> = { good: "承诺", average: "一般", poor: "重点" };
const BASIS_ZH: Record<string, string> = { risk: "分级分类", full_coverage: "全覆盖", random: "双随机", manual: "手工添加" };

/**
 * One plan as an .xlsx workbook (the paper 监管执法计划 is Chinese): a sheet of items by month with each
 * enterprise's credit code, class and basis, removed items with their reasons, and a per-month summary.
 */
export async function exportPlan(
  deps: Pick<Deps, "db">,
  actor: StaffActor,
  planId: unknown,
): Promise<{ body: Uint8Array; contentType: string; fileName: string }> {
  const plan = await getPlan(deps, actor, planId);
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "jubao";
  wb.title = `${plan.unitName}${plan.year}年度监管执法计划`;
  const ws = wb.addWorksheet("计划");
  ws.columns = [{ width: 8 }, { width: 40 }, { width: 22 }, { width: 10 }, { width: 12 }, { width: 8 }, { width: 30 }];
  ws.addRow([wb.title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, 7);
  ws.addRow([`状态：${plan.status === "approved" ? "已批准" : "草稿"}　双随机比例：${plan.randomRatePct}%　种子：${plan.randomSeed}`]);
  ws.mergeCells(2, 1, 2, 7);
  ws.addRow(["月份", "企业名称", "统一社会信用代码", "监管类别", "列入依据", "已完成", "备注"]).font = { bold: true };
  for (const i of plan.itemsList)
    ws.addRow([
      i.month,
      i.enterpriseName,
      i.creditCode ?? "",
      CLASS_ZH[i.riskClass] ?? i.riskClass,
      BASIS_ZH[i.basis] ?? i.basis,
      i.done ? "是" : "",
      i.removedReason ? `已删除：${i.removedReason}` : (i.note ?? ""),
    ]);
  const sum = wb.addWorksheet("按月汇总");
  sum.columns = [{ width: 8 }, { width: 12 }, { width: 12 }];
  sum.addRow(["月份", "计划检查", "已完成"]).font = { bold: true };
  for (let m = 1; m <= 12; m++) {
    const live = plan.itemsList.filter((i) => i.month === m && !i.removedReason);
    sum.addRow([m, live.length, live.filter((i) => i.done).length]);
  }
  const body = new Uint8Array(await wb.xlsx.writeBuffer());
  return { body, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName: `plan-${plan.unitId}-${plan.year}.xlsx` };
}
