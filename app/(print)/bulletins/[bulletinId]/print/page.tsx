import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BulletinDocument } from "@/components/bulletins/bulletin-document";
import { PrintButton } from "@/components/print/print-button";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { getBulletinForActor } from "@/lib/bulletins/queries";
import { parseId } from "@/lib/ids";

export const metadata: Metadata = { title: "打印 · 通报" };

export default async function BulletinPrintPage({ params }: { params: Promise<{ bulletinId: string }> }) {
  const actor = await requireActor();
  const bulletinId = parseId((await params).bulletinId);
  const bulletin = bulletinId && (await getBulletinForActor({ db: getDb(), actor, bulletinId }));
  if (!bulletin) notFound();
  return (
    <>
      <div className="mx-auto mb-4 flex w-[210mm] items-center justify-between print:hidden">
        <Link href={`/bulletins/${bulletin.id}`} className={buttonClass("default")}>
          返回通报
        </Link>
        <span className="text-sm text-slate-600">A4 纵向；在打印对话框中选择「另存为 PDF」即可保存为 PDF。</span>
        <PrintButton />
      </div>
      <div className="mx-auto w-[210mm] bg-white px-[18mm] py-[20mm] shadow print:w-auto print:p-0 print:shadow-none" data-testid="print-sheet">
        <style>{"@page { size: A4 portrait; margin: 20mm 18mm; }"}</style>
        <BulletinDocument title={bulletin.title} data={bulletin.data} />
      </div>
    </>
  );
}
