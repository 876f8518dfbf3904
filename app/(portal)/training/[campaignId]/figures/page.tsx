import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GenerateBulletinForm } from "@/components/bulletins/generate-form";
import { ProvinceFigures, ReportingFigures } from "@/components/training/figures/training-figures";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getTrainingFiguresForActor } from "@/lib/training/figures/queries";

export const metadata: Metadata = { title: "培训情况" };

/** 培训情况 of a training task: the province's ranked figures of every reporting unit, or a reporting unit's own. */
export default async function TrainingFiguresPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requireActor();
  const campaignId = parseId((await params).campaignId);
  const page = campaignId && (await getTrainingFiguresForActor({ db: getDb(), actor, campaignId }));
  if (!page) notFound();
  const { campaign } = page;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader crumbs={[{ label: campaign.title, href: `/training/${campaign.id}` }, { label: "培训情况" }]} title="培训情况" />
      {page.scope === "province" ? <ProvinceFigures page={page} /> : <ReportingFigures page={page} />}
      {page.scope === "province" && page.bulletin && (
        <Card title="生成培训情况通报">
          <GenerateBulletinForm campaignId={campaign.id} kind="training" defaultTitle={page.bulletin.defaultTitle} />
        </Card>
      )}
    </div>
  );
}
