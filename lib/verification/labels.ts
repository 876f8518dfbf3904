// What the pages call a discrepancy's severity and state: the school's items, the province's overview and the forms.
import type { DiscrepancySeverity, DiscrepancyState } from "@/db/schema";

export const SEVERITY_LABELS: Record<DiscrepancySeverity, string> = { error: "错误", notice: "提示" };

export const DISCREPANCY_STATE_LABELS: Record<DiscrepancyState, string> = {
  open: "待处理",
  corrected: "已在源系统更正",
  explained: "已说明情况",
  returned: "已退回",
  closed: "已关闭",
};
