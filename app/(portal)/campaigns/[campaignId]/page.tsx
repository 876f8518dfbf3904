import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignNotice } from "@/components/campaigns/campaign-notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { getCampaignByIdForActor } from "@/lib/campaigns/queries";
import { parseId } from "@/lib/ids";

export const metadata: Metadata = { title: "任务详情" };

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requireActor();
  const campaignId = parseId((await params).campaignId);
  const campaign = campaignId && (await getCampaignByIdForActor({ db: getDb(), actor, campaignId }));
  if (!campaign) notFound();
  return (
    <>
      <PageHeader crumbs={[{ label: "我的任务", href: "/" }, { label: campaign.docNumber }]} title={campaign.title} />
      <CampaignNotice campaign={campaign} now={new Date()} />
    </>
  );
}
