import type { SubmissionStatus } from "@/db/schema";

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: "草稿",
  submitted: "待审核",
  returned: "已退回",
  approved: "已通过",
};
