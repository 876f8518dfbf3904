import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { DELIVERY_LABELS } from "@/lib/mailbox/labels";
import type { MailStatus } from "@/lib/mailbox/queries";

const FILTERS: (MailStatus | null)[] = [null, "pending", "sent", "failed"];

/** 全部 / 待发送 / 已发送 / 发送失败, each with its count. */
export function StatusFilter({ current, counts }: { current: MailStatus | null; counts: Record<MailStatus, number> }) {
  const total = counts.pending + counts.sent + counts.failed;
  return (
    <nav aria-label="按状态筛选" className="flex flex-wrap gap-2 text-sm">
      {FILTERS.map((status) => (
        <Link
          key={status ?? "all"}
          href={status ? `/mail?status=${status}` : "/mail"}
          aria-current={status === current ? "page" : undefined}
          className={cn("rounded border px-3 py-1", status === current ? "border-brand-500 bg-brand-50 text-brand-600" : "border-slate-300 bg-white text-slate-700 hover:border-brand-500")}
        >
          {status ? DELIVERY_LABELS[status] : "全部"}（{status ? counts[status] : total}）
        </Link>
      ))}
    </nav>
  );
}
