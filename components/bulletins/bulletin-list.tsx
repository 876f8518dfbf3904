import Link from "next/link";
import { Tag } from "@/components/ui/tag";
import type { BulletinSummary } from "@/lib/bulletins/queries";
import { formatDate } from "@/lib/time";

export function BulletinList({ bulletins }: { bulletins: BulletinSummary[] }) {
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="bulletin-list">
      {bulletins.map((b) => (
        <li key={b.id} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
          <Link href={`/bulletins/${b.id}`} className="text-slate-900 hover:text-brand-600" data-testid="bulletin-link">
            {b.title}
          </Link>
          <span className="flex items-center gap-2 text-sm text-slate-500">
            {b.publishedAt ? formatDate(b.publishedAt) : <Tag tone="grey">未发布</Tag>}
          </span>
        </li>
      ))}
    </ul>
  );
}
