import type { CampaignStatus, DelegatedRowState, SubmissionStatus } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { FILLER_ROLES } from "@/lib/core/roles";

/**
 * The one table of submission state changes. The page reads it to decide which buttons to show,
 * the commands read it to decide what to allow.
 */
export const TRANSITIONS = {
  submit: { from: ["draft", "returned"], to: "submitted" },
  withdraw: { from: ["submitted"], to: "draft" },
  approve: { from: ["submitted"], to: "approved" },
  return: { from: ["submitted"], to: "returned" },
} as const satisfies Record<string, { from: readonly SubmissionStatus[]; to: SubmissionStatus }>;

export type Transition = keyof typeof TRANSITIONS;

export type SubmissionState = {
  status: SubmissionStatus;
  unitId: number;
  reviewOpenedAt: Date | null;
  campaignStatus: CampaignStatus;
};

/** To the units: a closed campaign takes no more changes or submissions. */
export const CLOSED_MESSAGE = "本任务已结束，不再接受提交或修改。";
/** To the province, editing a closed campaign: it stays frozen until reopened. */
export const REOPEN_TO_EDIT_MESSAGE = "本任务已结束，不能修改。如需修改，请先在「任务设置」中重新开启。";
export const NOT_YOUR_TABLE_MESSAGE = "只有报送单位的填报员可以修改本表，您可以查看但不能修改。";
export const NOT_EDITABLE_MESSAGE = "该报送已提交或已审核，表格不能修改。如需修改，请先撤回（审核开始前）或等待退回。";

/** Why the table cannot be edited now, or null when it can. */
export function editBlocker(submission: SubmissionState): string | null {
  if (submission.campaignStatus === "closed") return CLOSED_MESSAGE;
  return isEditable(submission) ? null : NOT_EDITABLE_MESSAGE;
}

/** Only the reporting unit's own fillers write its table, and only while it is open for editing. */
export function isFillerOf(actor: Pick<Actor, "role" | "unitId">, submission: Pick<SubmissionState, "unitId">): boolean {
  return FILLER_ROLES.includes(actor.role) && actor.unitId === submission.unitId;
}

export function isEditable(submission: Pick<SubmissionState, "campaignStatus" | "status">): boolean {
  return submission.campaignStatus === "published" && (submission.status === "draft" || submission.status === "returned");
}

/** Why a transition cannot happen now, in words for the person; null when it can. */
export function transitionBlocker(transition: Transition, submission: SubmissionState): string | null {
  if (submission.campaignStatus === "closed") return CLOSED_MESSAGE;
  if (submission.campaignStatus !== "published") return "本任务尚未发布。";
  if (!(TRANSITIONS[transition].from as readonly SubmissionStatus[]).includes(submission.status)) {
    return {
      submit: "当前状态不能提交：该报送已提交或已审核。",
      withdraw: "当前状态不能撤回：只有待审核的报送可以撤回。",
      approve: "只有待审核的报送可以通过。",
      return: "只有待审核的报送可以退回。",
    }[transition];
  }
  if (transition === "withdraw" && submission.reviewOpenedAt) return "省级审核员已开始审核，不能撤回。如需修改，请联系审核员退回。";
  return null;
}

/** Where the stamped scan stands against the table: none, showing the table as it is, outdated by a later change, or rejected by a 「退回」. */
export type ScanState = "missing" | "current" | "outdated" | "rejected";

/** What to do about a scan that does not count for 「提交」. */
export const SCAN_STATE_MESSAGES: Record<Exclude<ScanState, "current">, string> = {
  missing: "请上传盖章后的扫描件",
  outdated: "扫描件已过期：表格在上传后有修改，请重新打印盖章上传",
  rejected: "审核员退回时要求重新上传盖章扫描件，请重新打印盖章上传",
};

export type Readiness = {
  rowsExpected: number;
  rowsFilled: number;
  fillerName: string | null;
  fillerPhone: string | null;
  scan: ScanState;
  /** Rows delegated to a county or school (分派填报) that the city has not confirmed: how many, and the first of them. */
  unconfirmedCount: number;
  unconfirmed: { unitId: number; unitName: string }[];
};

/** What the table itself still lacks: a table with any of it prints as a draft. */
export function tableGaps(r: Pick<Readiness, "rowsExpected" | "rowsFilled" | "fillerName" | "fillerPhone">): string[] {
  const missing: string[] = [];
  if (r.rowsFilled < r.rowsExpected) missing.push(`还有 ${r.rowsExpected - r.rowsFilled} 个单位的管理员信息未填写完整`);
  if (!r.fillerName) missing.push("请填写填报人");
  if (!r.fillerPhone) missing.push("请填写填报人联系电话");
  return missing;
}

/** What is still missing before 「提交」, each item a sentence the button can show. */
export function submitBlockers(r: Readiness): string[] {
  const missing = tableGaps(r);
  if (r.unconfirmedCount > 0) {
    const named = r.unconfirmed.map((u) => `「${u.unitName}」`).join("、");
    missing.push(`还有 ${r.unconfirmedCount} 个下级填报的单位未确认：${named}${r.unconfirmedCount > r.unconfirmed.length ? "等" : ""}`);
  }
  return r.scan === "current" ? missing : [...missing, SCAN_STATE_MESSAGES[r.scan]];
}

/** A delegate (分派填报) may write its row while it is its to fill: not once handed in, nor once confirmed. */
export function delegateMayWrite(state: DelegatedRowState): boolean {
  return state === "assigned" || state === "returned";
}
