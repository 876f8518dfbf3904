// The emails of 问题收集反馈: the asking unit hears its answer; the province hears of a question left unanswered.
import { env } from "@/lib/env";
import { renderEmail } from "@/lib/mail/render";
import { formatDateTime } from "@/lib/time";
import type { QuestionCategory } from "@/db/schema";
import { CATEGORY_LABELS, REMINDER_WORKING_DAYS } from "./rules";

type About = { campaignId: number; campaignTitle: string; category: QuestionCategory };

const questionsLink = (campaignId: number) => ({ label: "查看问题", url: new URL(`/training/${campaignId}/questions`, env().APP_URL).toString() });

export function answeredEmail(to: { name: string }, q: About & { answer: string }) {
  return renderEmail({
    subject: `您单位提出的问题已答复：${q.campaignTitle}`,
    greeting: `${to.name}同志：`,
    paragraphs: [`您单位在「${q.campaignTitle}」中提出的${CATEGORY_LABELS[q.category]}类问题，省级已答复：`, q.answer],
    action: questionsLink(q.campaignId),
  });
}

export function unansweredEmail(to: { name: string }, q: About & { unitName: string; askedAt: Date }) {
  return renderEmail({
    subject: `有问题超过 ${REMINDER_WORKING_DAYS} 个工作日未答复：${q.campaignTitle}`,
    greeting: `${to.name}同志：`,
    paragraphs: [
      `${q.unitName}于 ${formatDateTime(q.askedAt)} 在「${q.campaignTitle}」中提出的${CATEGORY_LABELS[q.category]}类问题，已超过 ${REMINDER_WORKING_DAYS} 个工作日尚未答复，请及时处理。`,
    ],
    action: questionsLink(q.campaignId),
  });
}
