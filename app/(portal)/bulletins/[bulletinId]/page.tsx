import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BulletinDocument } from "@/components/bulletins/bulletin-document";
import { PublishBulletinButton } from "@/components/bulletins/publish-button";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { getBulletinForActor } from "@/lib/bulletins/queries";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { may } from "@/lib/core/policy";

export const metadata: Metadata = { title: "通报" };

export default async function BulletinPage({ params }: { params: Promise<{ bulletinId: string }> }) {
  const actor = await requireActor();
  const bulletinId = parseId((await params).bulletinId);
  const bulletin = bulletinId && (await getBulletinForActor({ db: getDb(), actor, bulletinId }));
  if (!bulletin) notFound();
  return (
    <>
      <PageHeader
        crumbs={[{ label: "通报", href: "/bulletins" }, { label: bulletin.campaignTitle }]}
        title={bulletin.title}
        extra={
          <div className="flex items-center gap-2">
            {bulletin.data && (
              <>
                <a href={`/bulletins/${bulletin.id}/export`} className={buttonClass("default")} data-testid="bulletin-export">
                  导出 Excel
                </a>
                <Link href={`/bulletins/${bulletin.id}/print`} className={buttonClass("default")} data-testid="bulletin-print">
                  打印
                </Link>
              </>
            )}
            {!bulletin.publishedAt && may(actor.role, "bulletins.manage") && <PublishBulletinButton bulletinId={bulletin.id} />}
          </div>
        }
      />
      <div className="flex flex-col gap-4">
        {bulletin.publishedAt ? (
          <p className="text-sm text-slate-500" data-testid="bulletin-published">
            发布于 {formatDateTime(bulletin.publishedAt)}；数据统计截至 {formatDateTime(bulletin.generatedAt)}。
          </p>
        ) : (
          <Notice tone="info" testId="bulletin-unpublished">
            本通报尚未发布，仅省级管理员可见。数据统计截至 {formatDateTime(bulletin.generatedAt)}
            {bulletin.generatedByName ? `，由 ${bulletin.generatedByName} 生成` : ""}。如需更新数据，请在任务中重新生成。
          </Notice>
        )}
        <Card>
          <div className="mx-auto max-w-4xl py-4">
            <BulletinDocument title={bulletin.title} data={bulletin.data} />
          </div>
        </Card>
      </div>
    </>
  );
}
