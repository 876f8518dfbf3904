import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignPicker } from "@/components/dashboard/campaign-picker";
import { CompletionChart } from "@/components/dashboard/completion-chart";
import { LinesTable } from "@/components/dashboard/lines-table";
import { ProvincesTable } from "@/components/dashboard/provinces-table";
import { DashboardSummary } from "@/components/dashboard/summary";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { getReadDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { may } from "@/lib/core/policy";
import { DASHBOARD_TTL_SECONDS, dashboardCache } from "@/lib/dashboard/cache";
import { parseId } from "@/lib/ids";
import { urgeCommand } from "@/lib/reminders/commands";

export const metadata: Metadata = { title: "报送进度" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ campaign?: string }> }) {
  const actor = await requireActor();
  if (!may(actor.role, "dashboard.read")) notFound();
  const db = getReadDb();
  const campaigns = await dashboardCache.campaigns({ db, actor });
  if (campaigns.length === 0)
    return (
      <>
        <PageHeader title="报送进度" />
        <Card>
          <Empty title="暂无任务" description="任务发布后，可在此查看各单位的报送进度。" />
        </Card>
      </>
    );

  const requested = parseId((await searchParams).campaign ?? "");
  const now = new Date();
  const [dashboard, provinces] = await Promise.all([
    dashboardCache.read({ db, actor, campaignId: requested ?? campaigns[0].id }),
    dashboardCache.provinces({ db, actor }),
  ]);
  if (!dashboard) notFound();
  const { campaign, scope, lines } = dashboard;
  const urge = may(actor.role, urgeCommand.permission) && campaign.status === "published" ? { campaignId: campaign.id, exceptUnitId: dashboard.reporting?.unitId } : undefined;
  const missing = lines.filter((l) => l.missing);

  return (
    <>
      <PageHeader
        title="报送进度"
        extra={
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-sm text-slate-500" data-testid="dashboard-freshness">
              数据每 {DASHBOARD_TTL_SECONDS} 秒更新
            </span>
            {campaigns.length > 1 && <CampaignPicker campaigns={campaigns} currentId={campaign.id} />}
          </div>
        }
      />
      <div className="flex flex-col gap-4">
        {provinces.length > 0 && (
          <Card title="各省完成情况">
            <ProvincesTable provinces={provinces} />
          </Card>
        )}
        <DashboardSummary dashboard={dashboard} now={now} />
        <Card title={scope === "province" ? "各市完成情况" : "各县（区）及学校完成情况"}>
          <CompletionChart bars={dashboard.bars} />
        </Card>
        <Card title={`未报名单（${missing.length}）`}>
          <LinesTable lines={missing} urge={urge} testId="missing-list" empty={scope === "province" ? "各单位均已提交" : "各单位信息均已填写完整"} />
        </Card>
        <Card title={scope === "province" ? "各报送单位" : "所辖单位"}>
          <LinesTable lines={lines} testId="dashboard-table" empty="没有报送单位" />
        </Card>
      </div>
    </>
  );
}
