import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ChildrenTable } from "@/components/verification/confirm/children-table";
import { ConfirmButton } from "@/components/verification/confirm/confirm-button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { hasOversightScope } from "@/lib/core/roles";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { getProgressForActor } from "@/lib/verification/confirm/queries";

export const metadata: Metadata = { title: "核验确认进度" };

/** 逐级确认 for a county, city or the province: the units below, 「等待下级确认 x / y」 and the level's own 确认. */
export default async function VerificationProgressPage({ params, searchParams }: { params: Promise<{ campaignId: string }>; searchParams: Promise<{ unit?: string }> }) {
  const actor = await requirePermission("verification.read");
  const campaignId = parseId((await params).campaignId);
  if (!campaignId) notFound();
  const { unit } = await searchParams;
  const unitId = unit ? parseId(unit) : actor.unitId;
  if (!unitId) notFound();
  const db = getDb();
  const progress = await getProgressForActor({ db, actor, campaignId, unitId });
  // A school has no level below it: its page is its own items.
  if (!progress && unitId === actor.unitId && actor.role === "school_staff") redirect(`/verification/${campaignId}/schools/${actor.unitId}`);
  if (!progress) notFound();
  const { level, confirmation, waiting, total } = progress;
  return (
    <>
      <PageHeader
        crumbs={[{ label: "我的任务", href: "/" }, { label: progress.campaign.docNumber }]}
        title={`${level.name} · 核验确认进度`}
        extra={
          // 核验情况 is the reporting units' and the province's: a county sees its schools here.
          (actor.role === "city_officer" || hasOversightScope(actor.role)) && (
            <Link href={`/verification/${campaignId}/figures`} className={buttonClass("default")} data-testid="verification-link-figures">
              核验情况
            </Link>
          )
        }
      />
      <div className="flex flex-col gap-4">
        {confirmation ? (
          <Notice tone="success" testId="level-confirmed">
            {level.name}已于 {formatDateTime(confirmation.confirmedAt)} 确认（{confirmation.confirmedByName ?? "—"}）。
          </Notice>
        ) : (
          <Notice tone={waiting > 0 ? "warning" : "info"} testId="level-waiting">
            {waiting > 0 ? `等待下级确认 ${waiting} / ${total}` : "下级均已确认。"}
          </Notice>
        )}
        {progress.mayConfirm && progress.submissionId && (
          <div>
            <ConfirmButton submissionId={progress.submissionId} description="确认后下级单位的核验结果即锁定；如需修改，须由本级或上级退回具体问题。" />
          </div>
        )}
        <Card title="下级单位">
          <ChildrenTable campaignId={progress.campaign.id} items={progress.children} mayApprove={progress.mayApprove} />
        </Card>
      </div>
    </>
  );
}
