import type { OutboxEmail } from "@/db/schema";

/** What each kind of email is, in the words of the 「邮件」 page. */
export const KIND_LABELS: Record<string, string> = {
  activation: "账号激活",
  password_reset: "重置密码",
  campaign_published: "新任务通知",
  reminder: "催报提醒",
  overdue: "逾期提醒",
  urge: "催报",
  digest: "每日汇总",
  bounce_notice: "退信通知",
  delegate_reminder: "下级催报提醒",
  delegate_overdue: "下级逾期提醒",
  delegate_digest: "分派进度汇总",
  delegation_returned: "退回下级",
  submission_returned: "报送退回",
  submission_approved: "报送通过",
};

export type DeliveryState = "pending" | "sent" | "failed" | "bounced";

export const DELIVERY_LABELS: Record<DeliveryState, string> = { pending: "待发送", sent: "已发送", failed: "发送失败", bounced: "已退信" };

/** A sent email the provider later reported as bounced reads 已退信. */
export function deliveryState(email: Pick<OutboxEmail, "status" | "bouncedAt">): DeliveryState {
  return email.bouncedAt ? "bounced" : email.status;
}
