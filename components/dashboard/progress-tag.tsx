import { Tag, type TagTone } from "@/components/ui/tag";
import { type Progress, PROGRESS_LABELS } from "@/lib/dashboard/progress";

/** The fixed colours: not yet submitted grey, 已提交 blue, 已退回 orange, 已通过 green; 逾期 red beside it. */
const TONES: Record<Progress, TagTone> = { not_started: "grey", in_progress: "grey", complete: "grey", submitted: "blue", returned: "orange", approved: "green" };

export function ProgressTag({ progress, overdue = false }: { progress: Progress; overdue?: boolean }) {
  return (
    <span className="inline-flex gap-1">
      <Tag tone={TONES[progress]} testId="progress">
        {PROGRESS_LABELS[progress]}
      </Tag>
      {overdue && <Tag tone="red">逾期</Tag>}
    </span>
  );
}
