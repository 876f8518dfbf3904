import Link from "next/link";
import { buttonClass } from "./button";

export type PagerProps = {
  /** The page's path and its other search parameters, which every page link keeps. */
  path: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pages: number;
  /** How many rows there are, e.g. 「共 120 条」 or 「找到 3 行（共 120 行）」. */
  summary: string;
};

/** The query string for one page: empty parameters and page 1 are left out, so the first page has the plain URL. */
export function pageHref({ path, params }: Pick<PagerProps, "path" | "params">, page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "" && key !== "page") query.set(key, String(value));
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function Step({ to, rel, label, testId, pager }: { to: number; rel: "prev" | "next"; label: string; testId: string; pager: PagerProps }) {
  if (to < 1 || to > pager.pages)
    return (
      <span className={buttonClass("default", "cursor-not-allowed text-slate-400")} aria-disabled="true">
        {label}
      </span>
    );
  return (
    <Link href={pageHref(pager, to)} className={buttonClass("default")} rel={rel} data-testid={testId}>
      {label}
    </Link>
  );
}

/**
 * 上一页 / 第 x / y 页 / 下一页 under a list, with how many rows it holds. Pages are links that keep the
 * other search parameters, so a reload or a shared link shows the same page.
 */
export function Pager(pager: PagerProps) {
  return (
    <nav aria-label="分页" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600" data-testid="table-pager">
      <span data-testid="table-matched">{pager.summary}</span>
      {pager.pages > 1 && (
        <span className="flex items-center gap-2">
          <Step to={pager.page - 1} rel="prev" label="上一页" testId="page-prev" pager={pager} />
          <span data-testid="page-current">
            第 {pager.page} / {pager.pages} 页
          </span>
          <Step to={pager.page + 1} rel="next" label="下一页" testId="page-next" pager={pager} />
        </span>
      )}
    </nav>
  );
}
