import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttendanceImport } from "@/components/training/attendance/attendance-import";
import { CloseSession } from "@/components/training/attendance/close-session";
import { AttendanceLines } from "@/components/training/attendance/lines-to-resolve";
import { RegistrationsTable } from "@/components/training/attendance/registrations-table";
import { RemedialForm } from "@/components/training/attendance/remedial-form";
import { SignInScanUpload } from "@/components/training/attendance/sign-in-scan";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getSessionAttendanceForActor } from "@/lib/training/attendance/queries";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "培训签到" };

export default async function SessionAttendancePage({ params }: { params: Promise<{ campaignId: string; sessionId: string }> }) {
  const actor = await requireActor();
  const { campaignId: rawCampaignId, sessionId: rawSessionId } = await params;
  const campaignId = parseId(rawCampaignId);
  const sessionId = parseId(rawSessionId);
  const data = campaignId && sessionId ? await getSessionAttendanceForActor({ db: getDb(), actor, sessionId }) : null;
  if (!data || data.session.campaignId !== campaignId) notFound();
  const { session, registrations, lines, scan, absent, remedialSessions } = data;
  const closed = session.closedAt !== null;
  const unresolved = lines.filter((l) => l.match === "unmatched" || l.match === "ambiguous").length;
  const blocker = !scan
    ? "请先上传签字后的签到表扫描件。"
    : lines.length === 0
      ? "请先导入签到表或会议导出记录。"
      : unresolved > 0
        ? `还有 ${unresolved} 行签到记录待处理。`
        : null;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        crumbs={[{ label: session.campaignTitle, href: `/training/${campaignId}` }, { label: session.phaseTitle }]}
        title={`${session.title}${session.remedial ? "（补训）" : ""}`}
      />
      <Card title="场次信息">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline text-slate-500">时间：</dt>
            <dd className="inline">{`${formatDateTime(session.startsAt)} 至 ${formatDateTime(session.endsAt)}`}</dd>
          </div>
          <div>
            <dt className="inline text-slate-500">{session.mode === "onsite" ? "地点：" : "会议链接："}</dt>
            <dd className="inline break-all">{session.mode === "onsite" ? session.place : session.meetingLink}</dd>
          </div>
          <div>
            <dt className="inline text-slate-500">名额：</dt>
            <dd className="inline">{`${session.capacity} 人，已报名 ${registrations.length} 人`}</dd>
          </div>
          <div>
            <dt className="inline text-slate-500">状态：</dt>
            <dd className="inline">{closed ? `已于 ${formatDateTime(session.closedAt!)} 关闭（${session.closedByName ?? "—"}）` : "签到进行中"}</dd>
          </div>
        </dl>
      </Card>

      <Card title="报名人员及参训情况">
        <RegistrationsTable registrations={registrations} closed={closed} />
      </Card>

      <Card title="签到记录" extra={!closed && <AttendanceImport sessionId={session.id} replaces={lines.length} />}>
        {unresolved > 0 && !closed && (
          <Notice tone="warning" className="mb-3" testId="unresolved-lines">
            {`有 ${unresolved} 行签到记录未能对应到报名人员（排在最前），请逐行选择报名人员或「忽略」，处理完才能关闭场次。`}
          </Notice>
        )}
        <AttendanceLines lines={lines} registrations={registrations} editable={!closed} />
      </Card>

      <Card title="签到表扫描件">
        <div className="flex flex-col gap-3">
          {scan ? (
            <p className="text-sm">
              <a className="text-brand-600 hover:underline" href={`/training/${campaignId}/sessions/${session.id}/scan`} target="_blank" rel="noreferrer" data-testid="sign-in-scan-link">
                {scan.fileName}
              </a>
              <span className="ml-2 text-slate-500">{`${formatDateTime(scan.uploadedAt)} 由 ${scan.uploadedByName ?? "—"} 上传`}</span>
            </p>
          ) : (
            <p className="text-sm text-slate-500">尚未上传。关闭场次须先上传签字后的签到表扫描件。</p>
          )}
          {!closed && <SignInScanUpload sessionId={session.id} />}
        </div>
      </Card>

      {!closed && (
        <Card title="关闭场次">
          <CloseSession sessionId={session.id} blocker={blocker} />
        </Card>
      )}

      <Card title="缺席人员及补训">
        <RemedialForm absent={absent} sessions={remedialSessions} defaultSessionId={session.remedial && !closed ? session.id : null} />
      </Card>
    </div>
  );
}
