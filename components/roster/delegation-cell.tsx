import { Tag, type TagTone } from "@/components/ui/tag";
import { ROW_DELEGATION_LABELS, type RowDelegationState } from "@/lib/delegation/rules";
import { formatDateTime } from "@/lib/time";
import type { RowDelegationView } from "./types";

const TONES: Record<RowDelegationState, TagTone> = { undelegated: "grey", assigned: "blue", submitted: "orange", accepted: "green", confirmed: "green", returned: "red" };

const at = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : "");

/** What a row's 填报单位 / 状态 cell says under its tag: who fills it, and who handed it in, confirmed or returned it. */
function note(delegation: RowDelegationView): string | null {
  switch (delegation.state) {
    case "assigned":
      return null;
    case "submitted":
      return `${delegation.submittedByName ?? ""} ${at(delegation.submittedAt)} 提交`;
    case "accepted":
    case "confirmed":
      return `${delegation.decidedByName ?? ""} ${at(delegation.decidedAt)} 确认`;
    case "returned":
      return `退回原因：${delegation.returnReason ?? ""}`;
  }
}

/** 「填报单位 / 状态」: the city's own row (待分派), or the delegate that fills it and where the row stands. */
export function DelegationCell({ delegation }: { delegation: RowDelegationView | null }) {
  const state = delegation?.state ?? "undelegated";
  const text = delegation && note(delegation);
  return (
    <div className="flex flex-col items-start gap-1 text-xs text-slate-600" data-testid="row-delegation" data-state={state}>
      <Tag tone={TONES[state]} testId="row-delegation-state">
        {ROW_DELEGATION_LABELS[state]}
      </Tag>
      <span data-testid="row-delegate">
        {delegation ? delegation.delegateUnitName : "报送单位填写"}
        {delegation?.collectorUnitName && `（${delegation.collectorUnitName}分派）`}
      </span>
      {text && (
        <span className={state === "returned" ? "text-orange-700" : undefined} data-testid="row-delegation-note">
          {text}
        </span>
      )}
    </div>
  );
}
