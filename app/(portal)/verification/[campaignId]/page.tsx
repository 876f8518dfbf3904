import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { LatestSnapshots } from "@/components/verification/snapshots/latest-snapshots";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { may } from "@/lib/core/policy";
import { parseId } from "@/lib/ids";
import { getVerificationTaskForAdmin } from "@/lib/verification/snapshots/queries";
import { schoolYearLabel } from "@/lib/verification/tasks/years";

export const metadata: Metadata = { title: "数据核验" };

/**
 * Where 我的任务 leads: the province administrator gets the task's overview (its school year, the reference data its
 * rules read, and its rooms); a school its own items; every other level the confirmation of the units below it.
 */
export default async function VerificationPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("verification.read");
  const campaignId = parseId((await params).campaignId);
  if (!campaignId) notFound();
  if (!may(actor.role, "verification.manage")) redirect(actor.role === "school_staff" ? `/verification/${campaignId}/schools/${actor.unitId}` : `/verification/${campaignId}/progress`);
  const task = await getVerificationTaskForAdmin({ db: getDb(), actor, campaignId });
  if (!task) notFound();
  const { campaign, schoolYear } = task;
  return (
    <>
      <PageHeader
        crumbs={[{ label: "任务管理", href: "/admin/campaigns" }, { label: campaign.docNumber }]}
        title={campaign.title}
        extra={
          <nav aria-label="数据核验任务" className="flex flex-wrap gap-2">
            {[
              { href: "/verification/snapshots", label: "参考数据", key: "snapshots" },
              { href: `/verification/${campaign.id}/rules`, label: "核验规则", key: "rules" },
              { href: `/verification/${campaign.id}/discrepancies`, label: "核验问题", key: "discrepancies" },
              { href: `/verification/${campaign.id}/progress`, label: "逐级确认", key: "progress" },
              { href: `/verification/${campaign.id}/figures`, label: "核验情况", key: "figures" },
            ].map((l) => (
              <Link key={l.key} href={l.href} className={buttonClass("default")} data-testid={`verification-link-${l.key}`}>
                {l.label}
              </Link>
            ))}
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
