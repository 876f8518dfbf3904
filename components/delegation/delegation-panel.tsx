import { toBeijing } from "@/lib/campaigns/schedule";
import type { DelegationPanel as Panel } from "@/lib/delegation/queries";
import { defaultDelegateDeadline } from "@/lib/delegation/rules";
import type { NoticeSection } from "@/lib/privacy/notice";
import { AssignForm } from "./assign-form";
import { ContactsImport } from "./contacts-import";
import { DeadlineForm } from "./deadline-form";
import { DelegateList } from "./delegate-list";

/** A deadline as the fields of the deadline forms, in Beijing time. */
export const asFields = (instant: Date) => {
  const { date, time } = toBeijing(instant);
  return { deadlineDate: date, deadlineTime: time };
};

/** 下级填报进度: how many delegates have handed everything in, and who has not (未填名单). */
function Progress({ progress }: { progress: Panel["progress"] }) {
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="delegation-progress">
      <p>
        下级填报进度：已提交{" "}
        <span className="font-medium" data-testid="delegation-progress-count">
          {progress.handedIn} / {progress.total}
        </span>{" "}
        个单位
      </p>
      {progress.pending.length > 0 && (
        <p className="text-slate-600" data-testid="delegation-pending">
          未填名单：
          {progress.pending.map((p, i) => (
            <span key={p.unitId} data-testid="delegation-pending-unit" data-unit={p.unitName}>
              {i > 0 && "、"}
              {p.unitName}
              {p.returned > 0 ? `（${p.returned} 行已退回）` : `（${p.open} 行未提交）`}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/**
 * The city's 「分派填报」: hand rows to counties and schools, follow them up, open their accounts. Read-only once the
 * table no longer takes changes (submitted, or the campaign closed).
 */
export function DelegationPanel({
  submissionId,
  campaignId,
  campaignDeadline,
  panel,
  editable,
  contactsHeadings,
  privacyNotice,
}: {
  submissionId: number;
  campaignId: number;
  campaignDeadline: Date;
  panel: Panel;
  editable: boolean;
  contactsHeadings: readonly string[];
  privacyNotice: NoticeSection[];
}) {
  // Offered: the deadline the delegates already have, else two days before the campaign's.
  const deadline = asFields(panel.delegates[0]?.deadline ?? defaultDelegateDeadline(campaignDeadline));

  if (!editable && panel.delegates.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="delegation-panel">
        本表没有分派给下级填写的行。
      </p>
    );
  return (
    <div className="flex flex-col gap-4" data-testid="delegation-panel">
      {panel.delegates.length > 0 && <Progress progress={panel.progress} />}
      {editable && (
        <details className="rounded border border-slate-200 p-3" open={panel.delegates.length === 0}>
          <summary className="cursor-pointer text-sm font-medium text-slate-800">分派给县（区）、学校填写</summary>
          <div className="mt-3">
            <AssignForm submissionId={submissionId} groups={panel.groups} defaultDeadline={deadline} />
          </div>
        </details>
      )}
      <DelegateList submissionId={submissionId} campaignId={campaignId} delegates={panel.delegates} editable={editable} />
      {editable && panel.delegates.length > 0 && (
        <div className="flex flex-wrap items-start gap-6">
          <details className="rounded border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm text-slate-800">修改下级截止时间</summary>
            <div className="mt-3">
              <DeadlineForm submissionId={submissionId} current={deadline} />
            </div>
          </details>
          <ContactsImport submissionId={submissionId} headings={contactsHeadings} privacyNotice={privacyNotice} />
        </div>
      )}
    </div>
  );
}
