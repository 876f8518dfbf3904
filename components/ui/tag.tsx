import { cn } from "./cn";

/** Fixed colours by meaning: 草稿 grey, 待审核 blue, 已退回 orange, 已通过 green, 逾期 red. */
const tones = {
  grey: "border-slate-300 bg-slate-50 text-slate-600",
  blue: "border-blue-300 bg-blue-50 text-blue-700",
  orange: "border-orange-300 bg-orange-50 text-orange-700",
  green: "border-green-300 bg-green-50 text-green-700",
  red: "border-red-300 bg-red-50 text-red-700",
} as const;

export type TagTone = keyof typeof tones;

export function Tag({ tone, children, testId }: { tone: TagTone; children: React.ReactNode; testId?: string }) {
  return (
    <span data-testid={testId} className={cn("inline-flex h-5 items-center rounded border px-1.5 text-xs whitespace-nowrap", tones[tone])}>
      {children}
    </span>
  );
}
