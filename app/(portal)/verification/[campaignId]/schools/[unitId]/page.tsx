import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ItemList } from "@/components/verification/answers/item-list";
import { ConfirmButton } from "@/components/verification/confirm/confirm-button";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { getSchoolItemsForActor } from "@/lib/verification/answers/queries";
import { isSettled } from "@/lib/verification/answers/rules";

export const metadata: Metadata = { title: "数据核验" };

/** One school's items: the school answers and confirms; the levels above read them and return an item. */
export default async function SchoolVerificationPage({ params }: { params: Promise<{ campaignId: string; unitId: string }> }) {
  const actor = await requirePermission("verification.read");
  const raw = await params;
  const campaignId = parseId(raw.campaignId);
  const unitId = parseId(raw.unitId);
  const view = campaignId && unitId && (await getSchoolItemsForActor({ db: getDb(), actor, campaignId, unitId }));
  if (!view) notFound();
  const unsettled = view.items.filter((i) => !isSettled(i.severity, i.state)).length;
  return (
    <>
      <PageHeader
        crumbs={[{ label: "我的任务", href: "/" }, { label: view.campaign.docNumber, href: `/verification/${view.campaign.id}/progress` }, { label: view.school.name }]}
        title={`${view.school.name}的核验问题`}
        extra={
          actor.unitId !== view.school.id && (
            <Link href={`/verification/${view.campaign.id}/progress`} className={buttonClass()}>
              返回确认进度
            </Link>
          )
        }
      />
      <div className="flex flex-col gap-4">
        {view.confirmation ? (
          <Notice tone="success" testId="school-confirmed">
            本校已于 {formatDateTime(view.confirmation.confirmedAt)} 确认核验结果（{view.confirmation.confirmedByName ?? "—"}），问题已锁定。
          </Notice>
        ) : (
          <Notice tone="info" testId="school-pending">
            「错误」须在源系统中更正后填写更正后的值；「提示」可更正，也可作情况说明。{unsettled > 0 ? `还有 ${unsettled} 项待处理。` : "各项均已处理，可以确认。"}
          </Notice>
        )}
        {view.mayConfirm && (
          <div>
            <ConfirmButton submissionId={view.submissionId} description="确认后本校的核验问题即锁定，不能再修改，除非上级退回。" />
          </div>
        )}
        <ItemList items={view.items} campaignId={view.campaign.id} mayAnswer={view.mayAnswer} mayReturn={view.mayReturn} />
      </div>
    </>
  );
}
