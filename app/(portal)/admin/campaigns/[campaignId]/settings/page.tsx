import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ScheduleForm } from "@/components/campaigns/campaign-edit-forms";
import { CampaignStatusTag } from "@/components/campaigns/campaign-status-tag";
import { StatusActions } from "@/components/campaigns/status-actions";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { getCampaignForAdmin } from "@/lib/campaigns/queries";
import { offsetToSlot, toBeijing } from "@/lib/campaigns/schedule";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "任务设置" };

export default async function CampaignSettingsPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("campaigns.manage");
  const campaignId = parseId((await params).campaignId);
  const campaign = campaignId && (await getCampaignForAdmin({ db: getDb(), actor, campaignId }));
  if (!campaign) notFound();
  const deadline = toBeijing(campaign.deadline);
  return (
    <>
      <PageHeader
        crumbs={[{ label: "任务管理", href: "/admin/campaigns" }, { label: campaign.docNumber, href: `/admin/campaigns/${campaign.id}` }, { label: "任务设置" }]}
        title="任务设置"
        extra={<CampaignStatusTag status={campaign.status} />}
      />
      <div className="flex flex-col gap-4">
        <Card title="截止时间与提醒">
          {campaign.status === "closed" && <p className="mb-3 text-sm text-slate-500">任务已结束，不再发送提醒。重新开启后可以修改。</p>}
          <ScheduleForm
            campaignId={campaign.id}
            defaults={{ deadlineDate: deadline.date, deadlineTime: deadline.time, reminders: campaign.reminderOffsets.map(offsetToSlot) }}
            disabled={campaign.status === "closed"}
          />
        </Card>
        <Card title="任务状态">
          <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
            <p data-testid="campaign-state">
              {campaign.status === "draft" && "草稿，尚未发布。"}
              {campaign.status === "published" && `已于 ${formatDateTime(campaign.publishedAt ?? campaign.createdAt)} 发布，各单位可以填报和提交；截止后的提交标记为逾期。`}
              {campaign.status === "closed" && `已于 ${formatDateTime(campaign.closedAt ?? campaign.createdAt)} 结束，各单位不能再修改或提交，不再发送提醒。`}
            </p>
            <StatusActions campaignId={campaign.id} status={campaign.status} unitCount={campaign.unitIds.length} />
          </div>
        </Card>
      </div>
    </>
  );
}
