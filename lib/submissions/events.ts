import type { DbOrTx } from "@/db";
import { submissionEvents } from "@/db/schema";

/** Event names of the timeline, and how a person reads them. */
export const EVENT_LABELS: Record<string, string> = {
  "row.saved": "保存了一行",
  "rows.imported": "从 Excel 导入了表格",
  "header.saved": "修改了填报人信息",
  "scan.uploaded": "上传了盖章扫描件",
  submitted: "提交",
  withdrawn: "撤回",
  approved: "审核通过",
  returned: "退回",
  "review.opened": "开始审核",
  "account.issued": "开通了管理员账号并发送激活邮件",
  "account.activation_resent": "重新发送了激活邮件",
  "account.activated": "激活了系统管理员账号",
};

export async function recordEvent(
  db: DbOrTx,
  event: { submissionId: number; actorId: number; action: keyof typeof EVENT_LABELS; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(submissionEvents).values({ ...event, detail: event.detail ?? {} });
}
