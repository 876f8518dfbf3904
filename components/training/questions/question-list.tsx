import { Empty } from "@/components/ui/empty";
import { Tag, type TagTone } from "@/components/ui/tag";
import type { QuestionState } from "@/db/schema";
import type { QuestionView } from "@/lib/training/questions/queries";
import { CATEGORY_LABELS, STATE_LABELS } from "@/lib/training/questions/rules";
import { formatDateTime } from "@/lib/time";
import { FaqToggle } from "./faq-toggle";
import { ReplyForm } from "./reply-form";

const STATE_TONES: Record<QuestionState, TagTone> = { open: "orange", triaged: "blue", answered: "green" };

/** The questions the actor may see, each with its state and what the actor may do with it. */
export function QuestionList({ campaignId, questions }: { campaignId: number; questions: QuestionView[] }) {
  if (questions.length === 0) return <Empty title="暂无问题" description="您单位及下级单位提出的问题将显示在这里。" />;
  return (
    <ol className="flex flex-col gap-4" data-testid="question-list">
      {questions.map((q) => (
        <li key={q.id} className="flex flex-col gap-2 rounded border border-slate-200 p-4" data-testid="question">
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <Tag tone={STATE_TONES[q.state]} testId="question-state">
              {STATE_LABELS[q.state]}
            </Tag>
            <Tag tone="grey">{CATEGORY_LABELS[q.category]}</Tag>
            <span>{q.unitName}</span>
            <span>提出于 {formatDateTime(q.createdAt)}</span>
            {q.faqAt && <Tag tone="green">已发布为常见问题</Tag>}
          </div>
          <p className="text-sm whitespace-pre-wrap text-slate-900">{q.body}</p>
          {q.hasScreenshot && (
            <a className="text-sm text-brand-600 hover:underline" href={`/training/${campaignId}/questions/${q.id}/screenshot`} target="_blank" rel="noreferrer">
              查看截图
            </a>
          )}
          {q.triageNote && q.triagedAt && (
            <p className="text-sm text-slate-700">
              市级转交意见（{formatDateTime(q.triagedAt)}）：<span className="whitespace-pre-wrap">{q.triageNote}</span>
            </p>
          )}
          {q.answer && q.answeredAt && (
            <p className="rounded bg-green-50 p-2 text-sm text-slate-800" data-testid="question-answer">
              省级答复（{formatDateTime(q.answeredAt)}）：<span className="whitespace-pre-wrap">{q.answer}</span>
            </p>
          )}
          {q.mayTriage && <ReplyForm kind="triage" questionId={q.id} version={q.version} />}
          {q.mayAnswer && <ReplyForm kind="answer" questionId={q.id} version={q.version} />}
          {q.mayPublish && (
            <div>
              <FaqToggle questionId={q.id} version={q.version} published={q.faqAt !== null} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
