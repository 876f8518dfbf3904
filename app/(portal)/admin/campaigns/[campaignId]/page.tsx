import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GenerateBulletinForm } from "@/components/bulletins/generate-form";
import { AttachmentManager } from "@/components/campaigns/attachment-manager";
import { NoticeForm, UnitsForm } from "@/components/campaigns/campaign-edit-forms";
import { CampaignStatusTag } from "@/components/campaigns/campaign-status-tag";
import { StatusActions } from "@/components/campaigns/status-actions";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { suggestBulletinTitle } from "@/lib/bulletins/figures";
import { taskPath } from "@/lib/campaigns/kinds";
import { getCampaignForAdmin, getReportingUnitChoices } from "@/lib/campaigns/queries";
import { describeOffset } from "@/lib/campaigns/schedule";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { suggestTrainingBulletinTitle } from "@/lib/training/figures/bulletin";
import { suggestVerificationBulletinTitle } from "@/lib/verification/figures/bulletin";
import type { CampaignKind } from "@/db/schema";

/** The title each kind's bulletin is suggested. */
const BULLETIN_TITLES: Record<CampaignKind, (campaignTitle: string) => string> = { roster: suggestBulletinTitle, training: suggestTrainingBulletinTitle, verification: suggestVerificationBulletinTitle };

export const metadata: Metadata = { title: "编辑任务" };

export default async function EditCampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("campaigns.manage");
  const campaignId = parseId((await params).campaignId);
  const db = getDb();
  const campaign = campaignId && (await getCampaignForAdmin({ db, actor, campaignId }));
  if (!campaign) notFound();
  const choices = await getReportingUnitChoices({ db, actor });
  const closed = campaign.status === "closed";
  const { title, docNumber, issuer, body, contacts } = campaign;
  return (
    <>
      <PageHeader
        crumbs={[{ label: "任务管理", href: "/admin/campaigns" }, { label: campaign.docNumber }]}
        title={campaign.title}
        extra={
          <div className="flex items-center gap-2">
            <CampaignStatusTag status={campaign.status} />
            {campaign.status !== "draft" && (
              <Link href={taskPath(campaign.kind, { campaignId: campaign.id, submissionId: null })} className={buttonClass("default")}>
                查看任务页面
              </Link>
            )}
            {campaign.kind === "training" && (
              <Link href={`/training/${campaign.id}/plan`} className={buttonClass("default")} data-testid="training-plan-link">
                培训安排
              </Link>
            )}
            {campaign.kind === "verification" && campaign.status === "draft" && (
              <Link href={`/verification/${campaign.id}`} className={buttonClass("default")} data-testid="verification-overview-link">
                核验学年与参考数据
              </Link>
            )}
            <Link href={`/admin/campaigns/${campaign.id}/settings`} className={buttonClass("default")} data-testid="campaign-settings">
              任务设置
            </Link>
            {campaign.status === "draft" && <StatusActions campaignId={campaign.id} status={campaign.status} unitCount={campaign.unitIds.length} />}
          </div>
        }
      />
      <div className="flex flex-col gap-4">
        {campaign.status === "draft" && (
          <Notice tone="info" testId="draft-notice">
            草稿仅省教育厅可见。截止时间为 {formatDateTime(campaign.deadline)}（北京时间），提醒：
            {campaign.reminderOffsets.length > 0 ? campaign.reminderOffsets.map(describeOffset).join("、") : "不提醒"}。核对通知、附件和报送单位后点击「发布」。
          </Notice>
        )}
        {closed && (
          <Notice tone="warning" testId="closed-notice">
            本任务已于 {campaign.closedAt ? formatDateTime(campaign.closedAt) : ""} 结束，内容不能修改。如需修改，请在「任务设置」中重新开启。
          </Notice>
        )}
        <Card title="通知">
          <NoticeForm campaignId={campaign.id} defaults={{ title, docNumber, issuer, body, contacts, tableNotes: campaign.tableNotes.join("\n") }} disabled={closed} tableNotes={campaign.kind === "roster"} />
        </Card>
        <Card title="附件">
          <AttachmentManager campaignId={campaign.id} attachments={campaign.attachments} disabled={closed} />
        </Card>
        <Card title="报送单位">
          {campaign.status !== "draft" && <p className="mb-3 text-sm text-slate-500">任务已发布，报送单位不能再更改。</p>}
          <UnitsForm campaignId={campaign.id} unitIds={campaign.unitIds} choices={choices} disabled={campaign.status !== "draft"} />
        </Card>
        {campaign.status !== "draft" && (
          <Card title="通报">
            <GenerateBulletinForm
              campaignId={campaign.id}
              kind={campaign.kind}
              defaultTitle={BULLETIN_TITLES[campaign.kind](campaign.title)}
            />
          </Card>
        )}
      </div>
    </>
  );
}
