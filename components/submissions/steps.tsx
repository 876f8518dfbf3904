import type { SubmissionStatus } from "@/db/schema";
import { cn } from "@/components/ui/cn";
import { currentStep, STEPS } from "@/lib/submissions/steps";

/** Where a submission stands, as a steps bar; every step is ticked once the accounts are issued. */
export function SubmissionSteps(state: { status: SubmissionStatus; hasScan: boolean; accountsIssued: boolean }) {
  const at = currentStep(state);
  return (
    <ol className="flex flex-wrap items-center gap-2 text-sm" aria-label="报送进度" data-testid="submission-steps">
      {STEPS.map((label, i) => (
        <li key={label} className="flex items-center gap-2" aria-current={i === at ? "step" : undefined} data-done={i < at}>
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
