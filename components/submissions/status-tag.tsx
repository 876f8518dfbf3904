import type { SubmissionStatus } from "@/db/schema";
import { Tag, type TagTone } from "@/components/ui/tag";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";

const TONES: Record<SubmissionStatus, TagTone> = { draft: "grey", submitted: "blue", returned: "orange", approved: "green" };

export function SubmissionStatusTag({ status, late }: { status: SubmissionStatus; late?: boolean }) {
  return (
    <span className="inline-flex gap-1">
      <Tag tone={TONES[status]} testId="submission-status">
        {SUBMISSION_STATUS_LABELS[status]}
      </Tag>
      {late && <Tag tone="red">逾期</Tag>}
    </span>
  );
}
