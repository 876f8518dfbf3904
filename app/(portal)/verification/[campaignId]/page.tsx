import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { LatestSnapshots } from "@/components/verification/snapshots/latest-snapshots";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getVerificationTaskForAdmin } from "@/lib/verification/snapshots/queries";
import { schoolYearLabel } from "@/lib/verification/tasks/years";

export const metadata: Metadata = { title: "数据核验" };

/** A verification task for the province: its school year and the reference data its rules read. */
export default async function VerificationPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("verification.manage");
  const campaignId = parseId((await params).campaignId);
  const task = campaignId && (await getVerificationTaskForAdmin({ db: getDb(), actor, campaignId }));
  if (!task) notFound();
  const { campaign, schoolYear } = task;
  return (
    <>
      <PageHeader
        crumbs={[{ label: "任务管理", href: "/admin/campaigns" }, { label: campaign.docNumber }]}
        title={campaign.title}
        extra={
          <nav aria-label="数据核验任务" className="flex flex-wrap gap-2">
            <Link href="/verification/snapshots" className={buttonClass("default")} data-testid="verification-link-snapshots">
              参考数据
            </Link>
          </nav>
        }
      />
      <div className="flex flex-col gap-4">
        <Card title="核验学年">
          <p className="text-sm text-slate-700" data-testid="verification-school-year">
            {schoolYearLabel(schoolYear)}（同比基期：{schoolYearLabel(schoolYear - 1)}）
          </p>
        </Card>
        <Card title="参考数据（各来源最新版本）">
          <LatestSnapshots years={[schoolYear, schoolYear - 1]} snapshots={task.snapshots} />
        </Card>
      </div>
    </>
  );
}
