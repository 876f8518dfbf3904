import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { IssuedAccount } from "@/lib/accounts/queries";
import type { TaskSummary } from "@/lib/campaigns/queries";
import type { Actor } from "@/lib/core/actor";
import { ROLE_LABELS } from "@/lib/core/roles";
import { formatDateTime } from "@/lib/time";

/** Tasks the unit still owes: not yet submitted, or returned for changes. */
function pending(tasks: TaskSummary[]): TaskSummary[] {
  return tasks.filter((t) => t.status === "published" && (t.submissionStatus === "draft" || t.submissionStatus === "returned"));
}

/**
 * The home of an administrator whose account an approval issued: their unit and account, why they have
 * it, and what comes next as the notice says (the national system's accounts are sent by the provincial
 * system to the registered email; training and later work are announced separately).
 */
export function AdministratorNextSteps({ actor, account, tasks }: { actor: Actor; account: IssuedAccount; tasks: TaskSummary[] }) {
  const open = pending(tasks);
  return (
    <Card title="本单位系统管理员" className="mb-4">
      <div className="flex flex-col gap-3 text-sm text-slate-700" data-testid="next-steps">
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">所在单位</dt>
          <dd data-testid="next-steps-unit">{actor.unitName}</dd>
          <dt className="text-slate-500">本平台账号</dt>
          <dd data-testid="next-steps-account">
            {actor.email}（{ROLE_LABELS[actor.role]}）
          </dd>
          <dt className="text-slate-500">确定依据</dt>
          <dd>
            {account.reportingUnitName}报送的《{account.campaignTitle}》（{account.docNumber}）已于{formatDateTime(account.approvedAt)}审核通过，您被登记为{account.unitName}系统管理员。
          </dd>
        </dl>
        <div>
          <p className="font-medium text-slate-800">接下来</p>
          <ol className="mt-1 list-decimal pl-5 leading-6">
            <li>按照通知，全国中等职业学校管理信息系统的账号和密码由省级系统自动下发到您登记的邮箱（{actor.email}），请留意查收。</li>
            <li>系统应用培训、数据核验和导入等后续工作由省教育厅另行通知，届时将作为任务发布在本平台，并以邮件通知您。</li>
            <li>
              通知原文见{" "}
              <Link href={`/campaigns/${account.campaignId}`} className="text-brand-600 hover:underline">
                《{account.campaignTitle}》
              </Link>
              。
            </li>
          </ol>
        </div>
        <div data-testid="next-steps-tasks">
          <p className="font-medium text-slate-800">待办任务</p>
          {open.length === 0 ? (
            <p className="mt-1 text-slate-500">目前没有待本单位填报的任务。</p>
          ) : (
            <ul className="mt-1 list-disc pl-5 leading-6">
              {open.map((t) => (
                <li key={t.id}>
                  <Link href={t.submissionId ? `/submissions/${t.submissionId}` : `/campaigns/${t.id}`} className="text-brand-600 hover:underline">
                    {t.title}
                  </Link>
                  （截止时间：{formatDateTime(t.deadline)}）
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
