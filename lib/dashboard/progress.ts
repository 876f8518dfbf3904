/**
 * Where a unit stands in a campaign. A reporting unit's own table: 未开始 → 填报中 → 已提交 → 已通过
 * (or 已退回). A county or school inside a city's table: its rows 未开始 / 填报中 / 已填完 until the
 * city submits, then the city's status.
 */
export const PROGRESSES = ["not_started", "in_progress", "complete", "submitted", "returned", "approved"] as const;
export type Progress = (typeof PROGRESSES)[number];

export const PROGRESS_LABELS: Record<Progress, string> = {
  not_started: "未开始",
  in_progress: "填报中",
  complete: "已填完",
  submitted: "已提交",
  returned: "已退回",
  approved: "已通过",
};

/** The order the summary lists them in. */
export const PROGRESS_ORDER: Progress[] = ["not_started", "in_progress", "complete", "returned", "submitted", "approved"];

/** Whole percent, rounded down so that 99.6% never shows as 100%. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * 100) / whole);
}
