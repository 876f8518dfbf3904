import Link from "next/link";
import { SubmissionStatusTag } from "@/components/submissions/status-tag";
import { cn } from "@/components/ui/cn";
import { type Column, DataTable } from "@/components/ui/data-table";
import { Tag } from "@/components/ui/tag";
import type { QueueItem } from "@/lib/review/queries";
import { formatDateTime } from "@/lib/time";

function columns(canDecide: boolean): Column<QueueItem>[] {
  return [
    {
      header: "报送单位",
      cell: (item) => (
        <>
          {item.unitName}
          {item.ownUnit && <span className="ml-2 text-xs text-slate-500">（本单位，不能审核）</span>}
        </>
      ),
    },
    {
      header: "状态",
      className: "w-40",
      cell: (item) => (
        <span className="inline-flex gap-1">
          <SubmissionStatusTag status={item.status} late={item.late} />
          {item.status === "submitted" && item.reviewOpenedAt && <Tag tone="blue">审核中</Tag>}
        </span>
      ),
    },
    { header: "提交时间", className: "w-44 text-slate-600", cell: (item) => item.submittedAt && formatDateTime(item.submittedAt) },
    { header: "行数", className: "w-20 text-right", cell: (item) => item.rows },
    { header: "自动提示", className: "w-24 text-right", cell: (item) => <span className={cn(item.flags > 0 ? "text-amber-700" : "text-slate-400")}>{item.flags}</span> },
    {
      header: "操作",
      className: "w-24",
      cell: (item) => (
        <Link href={`/review/${item.id}`} className="text-brand-600 hover:underline" data-testid="queue-open">
          {item.status === "submitted" && canDecide && !item.ownUnit ? "审核" : "查看"}
        </Link>
      ),
    },
  ];
}

/** The submissions that reached the province; 「审核」 where the reader may decide, 「查看」 otherwise. */
export function QueueTable({ queue, canDecide }: { queue: QueueItem[]; canDecide: boolean }) {
  return (
    <DataTable
      rows={queue}
      columns={columns(canDecide)}
      rowKey={(item) => item.id}
      rowProps={(item) => ({ "data-testid": "queue-row", "data-unit": item.unitName })}
      empty={{ title: "没有符合条件的报送", description: "单位提交后将在此处显示；撤回的报送不在此列。" }}
      minWidth="min-w-[860px]"
      testId="review-queue"
    />
  );
}
