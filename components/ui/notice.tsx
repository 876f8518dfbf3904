import { cn } from "./cn";

const tones = {
  error: "border-red-200 bg-red-50 text-red-700",
  warning: "border-amber-200 bg-amber-50 text-amber-800",
  info: "border-blue-200 bg-blue-50 text-blue-800",
  success: "border-green-200 bg-green-50 text-green-800",
} as const;

/** An inline message block. Select it by test id: Next's route announcer also has role="alert". */
export function Notice({ tone, testId, children, className }: { tone: keyof typeof tones; testId?: string; children: React.ReactNode; className?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={testId} className={cn("rounded border px-3 py-2 text-sm", tones[tone], className)}>
      {children}
    </div>
  );
}
