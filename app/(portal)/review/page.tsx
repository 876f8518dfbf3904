import type { Metadata } from "next";
import { ExportButton } from "@/components/privacy/export-button";
import { QueueFilter } from "@/components/review/queue-filter";
import { QueueTable } from "@/components/review/queue-table";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import type { SubmissionStatus } from "@/db/schema";
import { requirePermission } from "@/lib/auth/current";
import { ACCOUNT_LIST_TITLE } from "@/lib/accounts/export";
import { getTasksByActor } from "@/lib/campaigns/queries";
import { parseId } from "@/lib/ids";
import { getReportingUnitsByCampaign, getReviewQueueByCampaign } from "@/lib/review/queries";
import { may } from "@/lib/core/policy";

export const metadata: Metadata = { title: "审核" };

const STATUSES: readonly SubmissionStatus[] = ["submitted", "returned", "approved"];

type Search = { campaign?: string; status?: string; unit?: string; late?: string; order?: string };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("review.read");
  const search = await searchParams;
  const db = getDb();
  // 审核 reads the administrator tables; a training task's 回执 are followed on its own pages.
  const campaigns = (await getTasksByActor({ db, actor })).filter((c) => c.kind === "roster");
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
          <QueueTable queue={queue} canDecide={may(actor.role, "review.decide")} />
        </Card>
      </div>
    </>
  );
}
