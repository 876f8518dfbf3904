import { Tag, type TagTone } from "@/components/ui/tag";
import type { DiscrepancySeverity, DiscrepancyState } from "@/db/schema";
import { DISCREPANCY_STATE_LABELS, SEVERITY_LABELS } from "@/lib/verification/labels";

const STATE_TONES: Record<DiscrepancyState, TagTone> = { open: "blue", corrected: "green", explained: "green", returned: "orange", closed: "grey" };

/** 错误 or 提示. */
export function SeverityTag({ severity }: { severity: DiscrepancySeverity }) {
  return <Tag tone={severity === "error" ? "red" : "orange"}>{SEVERITY_LABELS[severity]}</Tag>;
}

/** Where an item stands: 待处理, 已在源系统更正, 已说明情况, 已退回, 已关闭. */
export function DiscrepancyStateTag({ state, testId }: { state: DiscrepancyState; testId?: string }) {
  return (
    <Tag tone={STATE_TONES[state]} testId={testId}>
      {DISCREPANCY_STATE_LABELS[state]}
    </Tag>
  );
}
