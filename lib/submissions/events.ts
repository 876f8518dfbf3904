import type { DbOrTx } from "@/db";
import { submissionEvents } from "@/db/schema";

/** Event names of the timeline, and how a person reads them. */
export const EVENT_LABELS: Record<string, string> = {
  "row.saved": "保存了一行",
  "header.saved": "修改了填报人信息",
  "scan.uploaded": "上传了盖章扫描件",
  submitted: "提交",
  withdrawn: "撤回",
  approved: "审核通过",
  returned: "退回",
};

export async function recordEvent(
  db: DbOrTx,
  event: { submissionId: number; actorId: number; action: keyof typeof EVENT_LABELS; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(submissionEvents).values({ ...event, detail: event.detail ?? {} });
}
