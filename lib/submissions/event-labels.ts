// What the timeline says for each event. Free of database imports, so the page can word an event
// a save has just answered the same way the server words the stored ones.
import { formatDateTime } from "@/lib/time";

/** Event names of the timeline, and how a person reads them. */
export const EVENT_LABELS: Record<string, string> = {
  "row.saved": "保存了一行",
  "rows.imported": "从 Excel 导入了表格",
  "header.saved": "修改了填报人信息",
  "scan.uploaded": "上传了盖章扫描件",
  "delegation.assigned": "分派下级填报",
  "delegation.taken_back": "收回了分派",
  "delegation.deadline_set": "修改了下级截止时间",
  "delegation.submitted": "下级提交",
  "delegation.withdrawn": "下级撤回",
  "delegation.confirmed": "确认了下级填报",
  "delegation.returned": "退回下级修改",
  "training.registered": "填写了培训回执",
  "training.confirmed": "确认了培训回执",
  "training.approved": "审核通过了培训回执",
  "training.returned": "退回了培训回执",
  submitted: "提交",
  withdrawn: "撤回",
  approved: "审核通过",
  returned: "退回",
  "review.opened": "开始审核",
  "account.issued": "开通了管理员账号并发送激活邮件",
  "account.activation_resent": "重新发送了激活邮件",
  "account.activated": "激活了系统管理员账号",
};

export type TimelineEntry = { action: string; detail: Record<string, unknown> };

/** One line of the timeline: what happened, with the detail that tells it apart. */
export function describeEvent(event: TimelineEntry): string {
  const d = event.detail;
  if (event.action === "row.saved") return `${EVENT_LABELS[event.action]}：${String(d.unitName ?? "")}`;
  if (event.action === "scan.uploaded") return `${EVENT_LABELS[event.action]}：${String(d.fileName ?? "")}`;
  if (event.action === "submitted" && d.late) return "提交（逾期）";
  if (event.action === "returned" && d.reason) return `退回：${String(d.reason)}${d.requireNewScan ? "（要求重新上传盖章扫描件）" : ""}`;
  const deadline = deadlineOf(d);
  if (event.action === "delegation.assigned" && d.rows) return `${EVENT_LABELS[event.action]}：${String(d.rows)} 行${deadline ? `，截止 ${deadline}` : ""}`;
  if (event.action === "delegation.deadline_set" && deadline) return `${EVENT_LABELS[event.action]}为 ${deadline}`;
  if ((event.action === "delegation.confirmed" || event.action === "delegation.taken_back") && Array.isArray(d.unitNames))
    return `${EVENT_LABELS[event.action]}：${unitList(d.unitNames, Number(d.rows ?? d.unitNames.length))}`;
  if (event.action === "delegation.returned") return `${EVENT_LABELS[event.action]}：${String(d.unitName ?? "")}，${String(d.reason ?? "")}`;
  if (event.action === "delegation.submitted" || event.action === "delegation.withdrawn") return `${String(d.unitName ?? "")}${EVENT_LABELS[event.action].replace("下级", "")}`;
  return EVENT_LABELS[event.action] ?? event.action;
}

/** 「2021年11月24日 17:00」 from a stored deadline (an ISO string in the event's detail), or "" without one. */
function deadlineOf(d: Record<string, unknown>): string {
  const at = typeof d.deadline === "string" ? new Date(d.deadline) : null;
  return at && !Number.isNaN(at.getTime()) ? formatDateTime(at) : "";
}

/** 「「A」、「B」」, or 「「A」、「B」等 30 个单位」 when the event kept only the first names. */
function unitList(names: unknown[], count: number): string {
  const shown = names.map((n) => `「${String(n)}」`).join("、");
  return count > names.length ? `${shown}等 ${count} 个单位` : shown;
}
