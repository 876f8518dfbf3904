import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Previous / next for a GET search; the other search parameters are kept. */
export function Pagination({ path, params, page, pageCount, total }: { path: string; params: Record<string, string | number | undefined>; page: number; pageCount: number; total: number }) {
  const href = (to: number) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "" && k !== "page") query.set(k, String(v));
    if (to > 1) query.set("page", String(to));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  return (
    <nav aria-label="分页" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span data-testid="pagination-summary">
        共 {total} 条，第 {page} / {pageCount} 页
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={buttonClass("default")} rel="prev">
            上一页
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link href={href(page + 1)} className={buttonClass("default")} rel="next" data-testid="pagination-next">
            下一页
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
