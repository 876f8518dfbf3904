import "server-only";
import type { Db } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { ROLE_LABELS } from "@/lib/core/roles";
import { compactDate, formatDateTime } from "@/lib/time";
import { writeWorkbook } from "@/lib/xlsx/styled-workbook";
import { recordAudit } from "@/lib/core/audit";
import { actionLabel } from "./labels";
import { AUDIT_EXPORT_MAX_ROWS, type AuditRow, getAuditRowsForExport } from "./queries";
import { type AuditFilter, OUTCOME_LABELS, searchOf } from "./schemas";

const HEADINGS = ["编号", "时间（北京时间）", "操作人", "登录邮箱", "角色", "所在单位", "操作", "操作代码", "对象类型", "对象编号", "结果", "IP 地址", "详情"];

function cellsOf(row: AuditRow): (string | number)[] {
  return [
    row.id,
    formatDateTime(row.at),
    row.userName ?? "",
    row.userEmail ?? "",
    row.role ? ROLE_LABELS[row.role] : "",
    row.unitName ?? "",
    actionLabel(row.action),
    row.action,
    row.targetType ?? "",
    row.targetId ?? "",
    OUTCOME_LABELS[row.outcome],
    row.ip ?? "",
    JSON.stringify(row.detail),
  ];
}

export type AuditExport = { ok: true; content: Buffer; fileName: string; rows: number } | { ok: false; message: string };

/** The search as an .xlsx; the export itself goes into the log, with the search that produced it. */
export async function exportAuditLog({ db, actor, filter, ip, now }: { db: Db; actor: Actor; filter: AuditFilter; ip: string | null; now: Date }): Promise<AuditExport> {
  const search = searchOf(filter);
  const audit = { action: "audit.export" as const, userId: actor.userId, role: actor.role, unitId: actor.unitId, ip, at: now, targetType: "audit_log" };
  const rows = await getAuditRowsForExport({ db, actor, filter });
  if (!rows) {
    await recordAudit(db, { ...audit, outcome: "rejected", detail: { reason: "too_many_rows", search } });
    return { ok: false, message: `符合条件的记录超过 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小时间范围或增加条件后再导出。` };
  }
  const content = await writeWorkbook([{ name: "审计日志", title: "审计日志", header: HEADINGS, rows: rows.map(cellsOf), filter: true }]);
  await recordAudit(db, { ...audit, outcome: "success", detail: { search, rows: rows.length } });
  return { ok: true, content, fileName: `审计日志_${compactDate(now)}.xlsx`, rows: rows.length };
}
