// Where a submission stands on the steps bar. Free of database imports: the bar renders it, the tests read it.
import type { SubmissionStatus } from "@/db/schema";

export const STEPS = ["填写", "上传盖章扫描件", "提交", "省级审核", "账号开通"] as const;

/**
 * The index of the current step; STEPS.length when every step is done (approved, and every row's
 * administrator has been issued an account).
 */
export function currentStep({ status, hasScan, accountsIssued }: { status: SubmissionStatus; hasScan: boolean; accountsIssued: boolean }): number {
  if (status === "approved") return accountsIssued ? STEPS.length : 4;
  if (status === "submitted") return 3;
  return hasScan ? 2 : 0;
}
