import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { formatDateTime } from "@/lib/time";
import type { ItemView } from "@/lib/verification/answers/queries";
import { DiscrepancyStateTag, SeverityTag } from "../discrepancy-tags";
import { AnswerForm } from "./answer-form";
import { ReturnForm } from "./return-form";

/** A school's items: what differs and how the school answered; its answer form, or 退回 for the levels above. */
export function ItemList({ items, campaignId, mayAnswer, mayReturn }: { items: ItemView[]; campaignId: number; mayAnswer: boolean; mayReturn: boolean }) {
  if (items.length === 0) return <Empty title="本校没有核验问题" description="各数据源之间未发现差异。" />;
  return (
    <ol className="flex flex-col gap-4" data-testid="discrepancy-list">
      {items.map((item) => (
        <li key={item.id} data-testid={`discrepancy-${item.id}`}>
          <Card
            title={
              <span className="flex flex-wrap items-center gap-2">
                <SeverityTag severity={item.severity} />
                {item.ruleName}
              </span>
            }
            extra={<DiscrepancyStateTag state={item.state} testId={`discrepancy-state-${item.id}`} />}
          >
            <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">核验内容</dt>
              <dd>{item.subject}</dd>
              <dt className="text-slate-500">{item.leftLabel}</dt>
              <dd>{item.leftValue ?? "（空）"}</dd>
              <dt className="text-slate-500">{item.rightLabel}</dt>
              <dd>{item.rightValue ?? "（空）"}</dd>
              {item.state === "corrected" && (
                <>
                  <dt className="text-slate-500">更正后的值</dt>
                  <dd>{item.correctedValue}</dd>
                </>
              )}
              {item.state === "explained" && (
                <>
                  <dt className="text-slate-500">情况说明</dt>
                  <dd className="whitespace-pre-wrap">{item.explanation}</dd>
                </>
              )}
              {item.attachmentName && item.state === "explained" && (
                <>
                  <dt className="text-slate-500">附件</dt>
                  <dd>
                    <a className="text-blue-700 underline" href={`/verification/${campaignId}/attachments/${item.id}`} data-testid={`discrepancy-attachment-${item.id}`}>
                      {item.attachmentName}
                    </a>
                  </dd>
                </>
              )}
              {item.answeredAt && (
                <>
                  <dt className="text-slate-500">答复时间</dt>
                  <dd>{formatDateTime(item.answeredAt)}</dd>
                </>
              )}
              {item.returnReason && item.returnedAt && (
                <>
                  <dt className="text-slate-500">退回原因</dt>
                  <dd className="text-orange-700">
                    {item.returnReason}（{item.returnedByName ?? "上级"}，{formatDateTime(item.returnedAt)}）
                  </dd>
                </>
              )}
            </dl>
            {mayAnswer && item.state !== "closed" && (
              <div className="mt-4 border-t border-slate-200 pt-4">
                <AnswerForm item={item} />
              </div>
            )}
            {mayReturn && (item.state === "corrected" || item.state === "explained") && (
              <div className="mt-4">
                <ReturnForm item={item} />
              </div>
            )}
          </Card>
        </li>
      ))}
    </ol>
  );
}
