import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GenerateBulletinForm } from "@/components/bulletins/generate-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ProvinceFigures, ReportingFigures } from "@/components/verification/figures/verification-figures";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getVerificationFiguresForActor } from "@/lib/verification/figures/queries";

export const metadata: Metadata = { title: "核验情况" };

/** 核验情况 of a verification task: the province's ranked figures of every reporting unit, or a reporting unit's own. */
export default async function VerificationFiguresPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requireActor();
  const campaignId = parseId((await params).campaignId);
  const page = campaignId && (await getVerificationFiguresForActor({ db: getDb(), actor, campaignId }));
  if (!page) notFound();
  const { campaign } = page;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader crumbs={[{ label: campaign.title, href: `/verification/${campaign.id}` }, { label: "核验情况" }]} title="核验情况" />
      {page.scope === "province" ? <ProvinceFigures page={page} /> : <ReportingFigures page={page} />}
      {page.scope === "province" && page.bulletin && (
        <Card title="生成数据核验情况通报">
          <GenerateBulletinForm campaignId={campaign.id} kind="verification" defaultTitle={page.bulletin.defaultTitle} />
        </Card>
      )}
    </div>
  );
}
