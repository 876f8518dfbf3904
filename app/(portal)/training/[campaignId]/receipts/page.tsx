import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CityReceiptsTable, SubmitBar } from "@/components/training/receipts/city-table";
import { ProvinceReceipts } from "@/components/training/receipts/province-view";
import { UnitReceiptForm } from "@/components/training/receipts/unit-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Tag } from "@/components/ui/tag";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { getReceiptsPageForActor } from "@/lib/training/receipts/queries";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "培训回执" };

export default async function ReceiptsPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const id = Number(campaignId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const actor = await requireActor();
  const page = await getReceiptsPageForActor({ db: getDb(), actor, campaignId: id });
  if (!page) notFound();
  const crumbs = [{ label: "我的任务", href: "/" }, { label: page.campaign.title, href: `/training/${id}` }];

  if (page.view === "province") {
    return (
      <>
        <PageHeader crumbs={crumbs} title="培训回执" />
        <ProvinceReceipts page={page} />
      </>
    );
  }
  const { submission } = page;
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title="培训回执"
        extra={
          <span className="flex items-center gap-2 text-sm text-slate-600">
            {submission.unitName} · 截止 {formatDateTime(submission.deadline)}
            <Tag tone={submission.status === "submitted" ? "blue" : submission.status === "approved" ? "green" : "grey"}>{SUBMISSION_STATUS_LABELS[submission.status]}</Tag>
          </span>
        }
      />
      <div className="flex flex-col gap-6">
        {page.own && (
          <Card title="本单位回执">
            <UnitReceiptForm submissionId={submission.id} form={page.own} />
          </Card>
        )}
        {page.city ? (
          <Card title="各单位回执">
            <CityReceiptsTable submission={submission} table={page.city} editable={page.editable} missing={page.missing} />
          </Card>
        ) : (
          page.isFiller && (
            <Card title="提交回执">
              <SubmitBar submission={submission} missing={page.missing} />
            </Card>
          )
        )}
      </div>
    </>
  );
}
