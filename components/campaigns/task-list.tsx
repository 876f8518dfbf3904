import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Empty } from "@/components/ui/empty";
import { Tag } from "@/components/ui/tag";
import { SubmissionStatusTag } from "@/components/submissions/status-tag";
import type { TaskSummary } from "@/lib/campaigns/queries";
import { SubmissionDeadline } from "@/components/submissions/deadline";

export function TaskList({ tasks, now }: { tasks: TaskSummary[]; now: Date }) {
  if (tasks.length === 0) return <Empty title="暂无任务" description="省教育厅发布任务后，将在此处显示。" />;
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="task-list">
      {tasks.map((task) => (
        <li key={task.id} data-testid="task" className="flex flex-wrap items-start justify-between gap-3 py-4 first:pt-0 last:pb-0">
          <div className="flex min-w-0 flex-col gap-1">
            <Link href={`/campaigns/${task.id}`} className="text-base text-slate-900 hover:text-brand-600" data-testid="task-title">
              {task.title}
            </Link>
            <p className="text-sm text-slate-500">
              {task.issuer} · {task.docNumber}
              {task.reportingUnitName && ` · 报送单位：${task.reportingUnitName}`}
            </p>
            <p className="text-sm text-slate-600">
              <SubmissionDeadline deadline={task.deadline} now={now} status={task.submissionStatus} campaignStatus={task.status} />
            </p>
          </div>
          <div className="flex items-center gap-3">
            {task.status === "closed" && <Tag tone="grey">已结束</Tag>}
            {task.submissionStatus && <SubmissionStatusTag status={task.submissionStatus} late={task.late} />}
            {task.submissionId && (
              <Link href={`/submissions/${task.submissionId}`} className={buttonClass("primary")} data-testid="open-submission">
                进入填报
              </Link>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
