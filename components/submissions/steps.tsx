import type { SubmissionStatus } from "@/db/schema";
import { cn } from "@/components/ui/cn";

const STEPS = ["填写", "上传盖章扫描件", "提交", "省级审核", "账号开通"];

function current(status: SubmissionStatus, hasScan: boolean): number {
  if (status === "approved") return 4;
  if (status === "submitted") return 3;
  return hasScan ? 2 : 0;
}

/** Where a submission stands, as a steps bar. */
export function SubmissionSteps({ status, hasScan }: { status: SubmissionStatus; hasScan: boolean }) {
  const at = current(status, hasScan);
  return (
    <ol className="flex flex-wrap items-center gap-2 text-sm" aria-label="报送进度">
      {STEPS.map((label, i) => (
        <li key={label} className="flex items-center gap-2" aria-current={i === at ? "step" : undefined}>
          <span
            className={cn(
              "flex h-6 w-6 items-center justify-center rounded-full border text-xs",
              i < at ? "border-brand-500 text-brand-500" : i === at ? "border-brand-500 bg-brand-500 text-white" : "border-slate-300 text-slate-400",
            )}
          >
            {i < at ? "✓" : i + 1}
          </span>
          <span className={i <= at ? "text-slate-800" : "text-slate-400"}>{label}</span>
          {i < STEPS.length - 1 && <span aria-hidden className="h-px w-8 bg-slate-300" />}
        </li>
      ))}
    </ol>
  );
}
