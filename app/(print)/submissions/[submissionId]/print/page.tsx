import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/print/print-button";
import { RosterSheet } from "@/components/print/roster-sheet";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db";
import { inRequest, requireActor } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getPrintSheetForActor } from "@/lib/roster/queries";
import { tableGaps } from "@/lib/submissions/workflow";

export const metadata: Metadata = { title: "打印 · 单位系统管理员实名信息表" };

export default async function PrintPage({ params }: { params: Promise<{ submissionId: string }> }) {
  const actor = await requireActor();
  const submissionId = parseId((await params).submissionId);
  const workspace = submissionId && (await inRequest((ip) => getPrintSheetForActor({ db: getDb(), actor, submissionId, ip, now: new Date() })));
  if (!workspace) notFound();
  const { submission, rows, readiness } = workspace;
  const gaps = tableGaps(readiness);
  return (
    <>
      <div className="mx-auto mb-4 flex w-[297mm] items-center justify-between print:hidden">
        <Link href={`/submissions/${submission.id}`} className={buttonClass("default")}>
          返回填报
        </Link>
        {gaps.length > 0 ? (
          <span className="text-sm text-red-700">本表尚未填写完整（{gaps.join("；")}），打印件为草稿，请填写完整后再打印盖章。</span>
        ) : (
          <span className="text-sm text-slate-600">请使用 A4 横向纸张打印，盖章后扫描上传。</span>
        )}
        <PrintButton />
      </div>
      <RosterSheet unitName={submission.unitName} fillerName={submission.fillerName} fillerPhone={submission.fillerPhone} rows={rows} notes={submission.tableNotes} draft={gaps.length > 0} />
    </>
  );
}
