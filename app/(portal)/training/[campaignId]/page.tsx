import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignNotice } from "@/components/campaigns/campaign-notice";
import { PhaseList } from "@/components/training/plan/phase-list";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getTrainingOverviewForActor } from "@/lib/training/plan/queries";

export const metadata: Metadata = { title: "系统应用培训" };

/** A training task for everyone taking part: the notice, the three phases and their sessions, and where to go next. */
export default async function TrainingPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("training.read");
  const campaignId = parseId((await params).campaignId);
  const overview = campaignId && (await getTrainingOverviewForActor({ db: getDb(), actor, campaignId }));
  if (!overview) notFound();
  const { campaign } = overview;
  const base = `/training/${campaign.id}`;
  const links = [
    ...(overview.manages ? [{ href: `${base}/plan`, label: "培训安排" }] : []),
    ...(overview.splits ? [{ href: `${base}/seats`, label: "名额分配" }] : []),
    { href: `${base}/receipts`, label: "培训回执" },
    { href: `${base}/questions`, label: "问题反馈" },
    { href: `${base}/figures`, label: "培训情况" },
  ];
  return (
    <>
      <PageHeader
        crumbs={[{ label: "我的任务", href: "/" }, { label: campaign.docNumber }]}
        title={campaign.title}
        extra={
          <nav aria-label="培训任务" className="flex flex-wrap gap-2">
            {links.map((l, i) => (
              <Link key={l.href} href={l.href} className={buttonClass(i === 0 ? "primary" : "default")} data-testid={`training-link-${l.href.split("/").pop()}`}>
                {l.label}
              </Link>
            ))}
          </nav>
        }
      />
      <div className="flex flex-col gap-4">
        <PhaseList phases={overview.phases} />
        <CampaignNotice campaign={{ ...campaign, submissionId: null }} now={new Date()} />
      </div>
    </>
  );
}
