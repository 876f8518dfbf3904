import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QuotaForm } from "@/components/training/plan/quota-form";
import { sessionTime } from "@/components/training/plan/session-facts";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { splitQuota } from "@/lib/training/plan/actions";
import { phaseLabel } from "@/lib/training/plan/dates";
import { getSeatSplitForCity } from "@/lib/training/plan/queries";

export const metadata: Metadata = { title: "名额分配" };

/** A city splits the seats the province gave it in each session among its counties and schools. */
export default async function SeatSplitPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("training.split_quota");
  const campaignId = parseId((await params).campaignId);
  const split = campaignId && (await getSeatSplitForCity({ db: getDb(), actor, campaignId }));
  if (!split) notFound();
  const { campaign } = split;
  return (
    <>
      <PageHeader crumbs={[{ label: "我的任务", href: "/" }, { label: campaign.docNumber, href: `/training/${campaign.id}` }, { label: "名额分配" }]} title={`名额分配：${campaign.title}`} />
      <p className="mb-4 text-sm text-slate-600">未单独分配名额的县（区）和学校，使用本市剩余的名额报名。</p>
      <div className="flex flex-col gap-4">
        {split.phases.map((phase) => (
          <Card key={phase.id} title={`${phaseLabel(phase.ordinal)} ${phase.title}`}>
            {phase.sessions.length === 0 ? (
              <Empty title="暂无场次" description="省教育厅安排场次后，可在此分配名额。" />
            ) : (
              <div className="flex flex-col gap-6">
                {phase.sessions.map((s) => {
                  const seats = split.citySeats[s.id];
                  return (
                    <section key={s.id} aria-label={s.title} className="flex flex-col gap-2">
                      <h3 className="text-sm font-medium text-slate-900">
                        {s.title}（{sessionTime(s)}）
                      </h3>
                      {seats === undefined ? (
                        <p className="text-sm text-slate-500">省教育厅尚未给本市分配该场次的名额。</p>
                      ) : (
                        <QuotaForm sessionId={s.id} units={split.units} given={split.quotas[s.id] ?? {}} limit={seats} limitLabel="本市名额" save={splitQuota} />
                      )}
                    </section>
                  );
                })}
              </div>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
