import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Empty } from "@/components/ui/empty";
import { Tag } from "@/components/ui/tag";
import { SubmissionStatusTag } from "@/components/submissions/status-tag";
import type { TaskDelegation, TaskSummary } from "@/lib/campaigns/queries";
import { SubmissionDeadline } from "@/components/submissions/deadline";
import { InternalDeadline } from "@/components/delegation/internal-deadline";
import { describeProgress } from "@/lib/delegation/progress";
import { taskPath } from "@/lib/campaigns/kinds";
import { TABLE_TITLE } from "@/lib/roster/template";
import { isEditable } from "@/lib/submissions/workflow";

/** `nextPhases`: for a training task, its next phase and dates as the page worked them out (「第一阶段 系统集中培训：…」). */
export function TaskList({ tasks, now, nextPhases = {} }: { tasks: TaskSummary[]; now: Date; nextPhases?: Record<number, string> }) {
  if (tasks.length === 0) return <Empty title="暂无任务" description="省教育厅发布任务后，将在此处显示。" />;
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="task-list">
      {tasks.map((task) => (task.delegation ? <DelegatedTask key={task.id} task={task} delegation={task.delegation} now={now} /> : <Task key={task.id} task={task} now={now} nextPhase={nextPhases[task.id]} />))}
    </ul>
  );
}

function Task({ task, now, nextPhase }: { task: TaskSummary; now: Date; nextPhase?: string }) {
  return (
    <li data-testid="task" className="flex flex-wrap items-start justify-between gap-3 py-4 first:pt-0 last:pb-0">
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
        {nextPhase && (
          <p className="text-sm text-slate-600" data-testid="task-next-phase">
            {nextPhase}
          </p>
        )}
      </div>
      <div className="flex items-center gap-3">
        {task.status === "closed" && <Tag tone="grey">已结束</Tag>}
        {task.submissionStatus && <SubmissionStatusTag status={task.submissionStatus} late={task.late} />}
        {task.submissionId && (
          <Link href={taskPath(task.kind, { campaignId: task.id, submissionId: task.submissionId })} className={buttonClass(task.ownTable || task.kind === "training" ? "primary" : "default")} data-testid="open-submission">
            {/* A county or school not delegated any rows only looks at its own part of its city's table; every unit confirms its own 培训回执. */}
            {task.kind === "training" ? "进入培训" : task.ownTable ? "进入填报" : "查看"}
          </Link>
        )}
      </div>
    </li>
  );
}

/** The rows the city delegated to the actor's unit: the city's internal deadline, and where they stand. */
function DelegatedTask({ task, delegation, now }: { task: TaskSummary; delegation: TaskDelegation; now: Date }) {
  // Rows still to fill, in a table the city has not yet submitted to the province.
  const open = task.submissionStatus !== null && isEditable({ campaignStatus: task.status, status: task.submissionStatus }) && delegation.submitted + delegation.confirmed < delegation.rows;
  return (
    <li data-testid="delegated-task" className="flex flex-wrap items-start justify-between gap-3 py-4 first:pt-0 last:pb-0">
      <div className="flex min-w-0 flex-col gap-1">
        <Link href={`/submissions/${task.submissionId}`} className="text-base text-slate-900 hover:text-brand-600" data-testid="task-title">
          {delegation.collectorName ?? task.reportingUnitName} 分派：{TABLE_TITLE}
        </Link>
        <p className="text-sm text-slate-500">
          <Link href={`/campaigns/${task.id}`} className="hover:text-brand-600">
            {task.title}
          </Link>{" "}
          · {task.docNumber} · {delegation.rows} 个单位
        </p>
        <p className="text-sm text-slate-600">
          <InternalDeadline deadline={delegation.deadline} now={now} open={open} cityName={delegation.collectorName ?? task.reportingUnitName ?? ""} />
        </p>
      </div>
      <div className="flex items-center gap-3">
        {task.status === "closed" && <Tag tone="grey">已结束</Tag>}
        <span className="text-sm text-slate-700" data-testid="delegation-state">
          {describeProgress(delegation, delegation.collectorName !== null)}
        </span>
        <Link href={`/submissions/${task.submissionId}`} className={buttonClass(open ? "primary" : "default")} data-testid="open-submission">
          {open ? "进入填报" : "查看"}
        </Link>
      </div>
    </li>
  );
}
