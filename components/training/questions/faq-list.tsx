import { Empty } from "@/components/ui/empty";
import { Tag } from "@/components/ui/tag";
import type { FaqEntry } from "@/lib/training/questions/queries";
import { CATEGORY_LABELS } from "@/lib/training/questions/rules";

/** 常见问题: the published answers, newest first, every unit of the task sees them. */
export function FaqList({ entries }: { entries: FaqEntry[] }) {
  if (entries.length === 0) return <Empty title="暂无常见问题" description="省级答复并发布的问题将显示在这里。" />;
  return (
    <dl className="flex flex-col divide-y divide-slate-100" data-testid="faq-list">
      {entries.map((entry) => (
        <div key={entry.id} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0" data-testid="faq-entry">
          <dt className="flex items-start gap-2 text-sm font-medium text-slate-900">
            <Tag tone="grey">{CATEGORY_LABELS[entry.category]}</Tag>
            <span className="whitespace-pre-wrap">{entry.body}</span>
          </dt>
          <dd className="text-sm whitespace-pre-wrap text-slate-700">答：{entry.answer}</dd>
        </div>
      ))}
    </dl>
  );
}
