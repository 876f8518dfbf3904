import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { Tag } from "@/components/ui/tag";
import { formatPhaseDates, phaseLabel } from "@/lib/training/plan/dates";
import type { PhaseView, SessionView } from "@/lib/training/plan/queries";
import { AUDIENCES } from "@/lib/training/plan/schemas";
import { sessionMode, sessionTime } from "./session-facts";

/** The three phases with their dates (or 待定) and the sessions of each; `actions` and `phaseActions` add the province's buttons. */
export function PhaseList({
  phases,
  actions,
  phaseActions,
}: {
  phases: PhaseView[];
  actions?: (session: SessionView) => React.ReactNode;
  phaseActions?: (phase: PhaseView) => React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-4" data-testid="training-phases">
      {phases.map((phase) => (
        <Card
          key={phase.id}
          title={`${phaseLabel(phase.ordinal)} ${phase.title}`}
          extra={
            <span className="text-sm text-slate-600" data-testid="phase-dates">
              {formatPhaseDates(phase.startsOn, phase.endsOn)}
            </span>
          }
        >
          {phase.sessions.length === 0 ? (
            <Empty title="暂无培训场次" description="场次安排确定后将在此处公布。" />
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {phase.sessions.map((s) => (
                <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0 last:pb-0" data-testid="training-session">
                  <div className="flex min-w-0 flex-col gap-1 text-sm">
                    <p className="flex items-center gap-2 text-base text-slate-900">
                      {s.title}
                      <Tag tone={s.mode === "online" ? "blue" : "green"}>{sessionMode(s)}</Tag>
                      {s.closedAt && <Tag tone="grey">已结束</Tag>}
                    </p>
                    <p className="text-slate-600">时间：{sessionTime(s)}（北京时间）</p>
                    <p className="text-slate-600 break-all">
                      {s.mode === "onsite" ? `地点：${s.place}` : <>会议链接：<a href={s.meetingLink ?? undefined} className="text-brand-600 hover:underline">{s.meetingLink}</a></>}
                    </p>
                    <p className="text-slate-500">参训单位：{audienceText(s.audience)}</p>
                  </div>
                  <div className="flex flex-col items-end gap-2 text-sm text-slate-600">
                    <p data-testid="session-seats">
                      名额 {s.capacity} · 已报 {s.registered}
                      {s.ownSeats !== null && ` · 本单位可报 ${s.ownSeats}`}
                    </p>
                    {actions?.(s)}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {phaseActions && <div className="mt-3 flex justify-end">{phaseActions(phase)}</div>}
        </Card>
      ))}
    </div>
  );
}

function audienceText(kinds: string[]): string {
  return (Object.keys(AUDIENCES) as (keyof typeof AUDIENCES)[])
    .filter((k) => kinds.includes(k))
    .map((k) => AUDIENCES[k])
    .join("、");
}
