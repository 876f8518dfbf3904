import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteSessionButton } from "@/components/training/plan/delete-session-button";
import { PhaseDatesForm } from "@/components/training/plan/phase-dates-form";
import { PhaseList } from "@/components/training/plan/phase-list";
import { QuotaForm } from "@/components/training/plan/quota-form";
import { SessionDialog } from "@/components/training/plan/session-dialog";
import { sessionTime } from "@/components/training/plan/session-facts";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { toBeijing } from "@/lib/campaigns/schedule";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { setQuotas } from "@/lib/training/plan/actions";
import { phaseLabel } from "@/lib/training/plan/dates";
import type { SessionView } from "@/lib/training/plan/queries";
import { getTrainingPlanForAdmin } from "@/lib/training/plan/queries";
import type { SessionInput } from "@/lib/training/plan/schemas";

export const metadata: Metadata = { title: "培训安排" };

/** The form's values of a saved session, in Beijing time; colleges count as 学校. */
function sessionValues(s: SessionView): SessionInput {
  const start = toBeijing(s.startsAt);
  return {
    title: s.title,
    mode: s.mode,
    date: start.date,
    startTime: start.time,
    endTime: toBeijing(s.endsAt).time,
    place: s.place ?? "",
    meetingLink: s.meetingLink ?? "",
    capacity: s.capacity,
    audience: [...new Set(s.audience.map((k) => (k === "college" ? "school" : k)))].filter((k) => k !== "ministry" && k !== "province_bureau") as SessionInput["audience"],
    remedial: s.remedial,
  };
}

/** The province plans a training task: each phase's dates and their announcement, the sessions, and their seats per reporting unit. */
export default async function TrainingPlanPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("training.manage");
  const campaignId = parseId((await params).campaignId);
  const plan = campaignId && (await getTrainingPlanForAdmin({ db: getDb(), actor, campaignId }));
  if (!plan) notFound();
  const { campaign } = plan;
  const sessions = plan.phases.flatMap((p) => p.sessions);
  return (
    <>
      <PageHeader
        crumbs={[{ label: "任务管理", href: "/admin/campaigns" }, { label: campaign.docNumber, href: `/admin/campaigns/${campaign.id}` }, { label: "培训安排" }]}
        title={`培训安排：${campaign.title}`}
      />
      <div className="flex flex-col gap-4">
        <Card title="阶段日期">
          <div className="flex flex-col gap-4">
            {campaign.status !== "published" && <p className="text-sm text-slate-500">任务发布后才能向各单位发布日期通知。</p>}
            {plan.phases.map((p) => (
              <PhaseDatesForm
                key={`${p.id}-${p.startsOn}-${p.endsOn}`}
                published={campaign.status === "published"}
                phase={{ id: p.id, ordinal: p.ordinal, title: p.title, startsOn: p.startsOn, endsOn: p.endsOn, announced: p.announcedAt && formatDateTime(p.announcedAt) }}
              />
            ))}
          </div>
        </Card>
        <PhaseList
          phases={plan.phases}
          phaseActions={(p) => <SessionDialog phaseId={p.id} phaseTitle={`${phaseLabel(p.ordinal)} ${p.title}`} />}
          actions={(s) => (
            <div className="flex gap-2">
              <Link href={`/training/${plan.campaign.id}/sessions/${s.id}`} className={buttonClass("default")} data-testid="session-attendance">
                签到与考勤
              </Link>
              <SessionDialog key={s.version} phaseId={s.phaseId} phaseTitle="" session={{ id: s.id, version: s.version, values: sessionValues(s) }} />
              <DeleteSessionButton sessionId={s.id} title={s.title} />
            </div>
          )}
        />
        <Card title="名额分配">
          {sessions.length === 0 ? (
            <Empty title="暂无场次" description="添加场次后，可在此为各报送单位分配名额。" />
          ) : (
            <div className="flex flex-col gap-6">
              {sessions.map((s) => (
                <section key={s.id} aria-label={s.title} className="flex flex-col gap-2">
                  <h3 className="text-sm font-medium text-slate-900">
                    {s.title}（{sessionTime(s)}）
                  </h3>
                  <QuotaForm sessionId={s.id} units={plan.units} given={plan.quotas[s.id] ?? {}} limit={s.capacity} limitLabel="场次名额" save={setQuotas} />
                </section>
              ))}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
