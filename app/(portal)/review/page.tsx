import type { Metadata } from "next";
import Link from "next/link";
import { ExportButton } from "@/components/privacy/export-button";
import { QueueFilter } from "@/components/review/queue-filter";
import { SubmissionStatusTag } from "@/components/submissions/status-tag";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { Tag } from "@/components/ui/tag";
import { getDb } from "@/db";
import type { SubmissionStatus } from "@/db/schema";
import { requirePermission } from "@/lib/auth/current";
import { ACCOUNT_LIST_TITLE } from "@/lib/accounts/export";
import { getTasksByActor } from "@/lib/campaigns/queries";
import { parseId } from "@/lib/ids";
import { getReportingUnitsByCampaign, getReviewQueueByCampaign } from "@/lib/review/queries";
import { formatDateTime } from "@/lib/time";
import { may } from "@/lib/core/policy";

export const metadata: Metadata = { title: "审核" };

const STATUSES: readonly SubmissionStatus[] = ["submitted", "returned", "approved"];

type Search = { campaign?: string; status?: string; unit?: string; late?: string; order?: string };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("review.read");
  const search = await searchParams;
  const db = getDb();
  const campaigns = await getTasksByActor({ db, actor });
  const campaign = campaigns.find((c) => c.id === parseId(search.campaign ?? "")) ?? campaigns[0];
  if (!campaign) {
    return (
      <>
        <PageHeader title="审核" />
        <Card>
          <Empty title="暂无任务" description="任务发布后，各单位提交的报送将在此处审核。" />
        </Card>
      </>
    );
  }
  const status = STATUSES.find((s) => s === search.status);
  const order = search.order === "desc" ? "desc" : "asc";
  const late = search.late === "yes" ? true : search.late === "no" ? false : undefined;
  const [queue, units] = await Promise.all([
    getReviewQueueByCampaign({ db, actor, campaignId: campaign.id, filter: { status, reportingUnitId: parseId(search.unit ?? "") ?? undefined, late, order } }),
    getReportingUnitsByCampaign({ db, campaignId: campaign.id }),
  ]);
  const waiting = queue.filter((q) => q.status === "submitted").length;

  return (
    <>
      <PageHeader
        crumbs={[{ label: "审核" }, { label: campaign.docNumber }]}
        title="审核"
        extra={
          <ExportButton href={`/review/accounts-export?campaign=${campaign.id}`} rows={null} label="导出账号开通清单" fileName={`${ACCOUNT_LIST_TITLE}.xlsx`} testId="accounts-export" />
        }
      />
      <div className="flex flex-col gap-4">
        <Card>
          <QueueFilter
            campaigns={campaigns.map((c) => ({ id: c.id, label: `${c.docNumber} ${c.title}` }))}
            units={units}
            params={{ campaign: String(campaign.id), status: status ?? "", unit: search.unit ?? "", late: search.late ?? "", order }}
          />
        </Card>
        <Card title={campaign.title} extra={<span className="text-sm text-slate-500">共 {queue.length} 份，待审核 {waiting} 份</span>}>
          {queue.length === 0 ? (
            <Empty title="没有符合条件的报送" description="单位提交后将在此处显示；撤回的报送不在此列。" />
          ) : (
            <div className="overflow-auto rounded border border-slate-200">
              <table className="w-full min-w-[860px] border-collapse text-sm" data-testid="review-queue">
                <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">报送单位</th>
                    <th scope="col" className="w-40 px-3 py-2 font-medium">状态</th>
                    <th scope="col" className="w-44 px-3 py-2 font-medium">提交时间</th>
                    <th scope="col" className="w-20 px-3 py-2 text-right font-medium">行数</th>
                    <th scope="col" className="w-24 px-3 py-2 text-right font-medium">自动提示</th>
                    <th scope="col" className="w-24 px-3 py-2 font-medium">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.map((item) => (
                    <tr key={item.id} className="border-t border-slate-100 hover:bg-slate-50" data-testid="queue-row" data-unit={item.unitName}>
                      <td className="px-3 py-2">
                        {item.unitName}
                        {item.ownUnit && <span className="ml-2 text-xs text-slate-500">（本单位，不能审核）</span>}
                      </td>
                      <td className="px-3 py-2">
                        <span className="inline-flex gap-1">
                          <SubmissionStatusTag status={item.status} late={item.late} />
                          {item.status === "submitted" && item.reviewOpenedAt && <Tag tone="blue">审核中</Tag>}
                        </span>
                      </td>
                      <td className="px-3 py-2 text-slate-600">{item.submittedAt && formatDateTime(item.submittedAt)}</td>
                      <td className="px-3 py-2 text-right">{item.rows}</td>
                      <td className={`px-3 py-2 text-right ${item.flags > 0 ? "text-amber-700" : "text-slate-400"}`}>{item.flags}</td>
                      <td className="px-3 py-2">
                        <Link href={`/review/${item.id}`} className="text-brand-600 hover:underline" data-testid="queue-open">
                          {item.status === "submitted" && may(actor.role, "review.decide") && !item.ownUnit ? "审核" : "查看"}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
