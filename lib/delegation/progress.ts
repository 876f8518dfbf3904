// Where a delegate's 分派 stands, in words: the same sentence on 「我的任务」 and above its rows in the table.
// Free of database imports, so the task list and the hand-in bar word it alike.
import type { DelegatedRowState } from "@/db/schema";
import type { TaskDelegation } from "@/lib/campaigns/queries";
import { formatDateTime } from "@/lib/time";
import { handInLabel } from "./rules";

/** A delegation's rows counted by state, with when it was last handed in: 「我的任务」's count without its deadline and collector. */
export type DelegationProgress = Omit<TaskDelegation, "deadline" | "collectorName">;

/** 待填写（已填 x / y 行）, 已提交给市级（时间）, 有 n 行被退回, 已确认; a school under its county: 已提交给县级. */
export function describeProgress(p: DelegationProgress, toCounty = false): string {
  const label = handInLabel(toCounty ? "county" : "city");
  if (p.rows > 0 && p.confirmed === p.rows) return "已确认";
  if (p.returned > 0) return `有 ${p.returned} 行被退回，请修改后重新${label}`;
  if (p.submitted > 0 && p.submitted + p.confirmed === p.rows) {
    const when = p.submittedAt ? `（${formatDateTime(p.submittedAt)}）` : "";
    return `已${label}${when}${p.confirmed > 0 ? `，已确认 ${p.confirmed} / ${p.rows} 行` : "，等待确认"}`;
  }
  return `待填写（已填 ${p.filled} / ${p.rows} 行）`;
}

type DelegatedRowView = { filled: boolean; delegation: { state: DelegatedRowState; submittedAt: Date | null } | null };

/**
 * A delegate's rows of the table counted by state. A school under its
 * county (`toCounty`) counts its county's 县级已确认 as confirmed.
 */
export function progressOfRows(rows: readonly DelegatedRowView[], toCounty = false): DelegationProgress {
  const count = (state: DelegatedRowState) => rows.filter((r) => r.delegation?.state === state || (toCounty && state === "confirmed" && r.delegation?.state === "accepted")).length;
  const submittedAt = rows.map((r) => r.delegation?.submittedAt ?? null).find((at) => at !== null) ?? null;
  return { rows: rows.length, filled: rows.filter((r) => r.filled).length, submitted: count("submitted"), confirmed: count("confirmed"), returned: count("returned"), submittedAt };
}
