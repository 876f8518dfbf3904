// The email of 退回: the school hears which item came back and why, and where to answer it again.
import { env } from "@/lib/env";
import { renderEmail } from "@/lib/mail/render";

export function returnedEmail(to: { name: string }, item: { campaignId: number; campaignTitle: string; unitId: number; ruleName: string; subject: string; returnedBy: string; reason: string }) {
  return renderEmail({
    subject: `核验问题被退回，请重新处理：${item.campaignTitle}`,
    greeting: `${to.name}同志：`,
    paragraphs: [`${item.returnedBy}退回了贵校在「${item.campaignTitle}」中答复的问题「${item.ruleName}」（${item.subject}），退回原因：`, item.reason, "请重新答复后再次确认。"],
    action: { label: "处理核验问题", url: new URL(`/verification/${item.campaignId}/schools/${item.unitId}`, env().APP_URL).toString() },
  });
}
