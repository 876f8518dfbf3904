import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { ROW_STATES, type RowState, type TablePage, tableHref, type TableView } from "@/lib/roster/paging";

/**
 * Search, row-state filter and pages of a long table. Everything is a link or a GET form, so the view
 * lives in the URL: a reload or a shared link shows the same rows, and the keyboard reaches it all.
 */
export function TableControls({
  path,
  view,
  table,
  keep = {},
}: {
  path: string;
  view: TableView;
  table: Omit<TablePage<unknown>, "rows">;
  /** Other parameters of the page that the controls must not drop. */
  keep?: Record<string, string>;
}) {
  const href = (patch: Partial<TableView>) => `${path}${tableHref(view, { page: 1, ...patch }, keep)}`;
  const states: [RowState | undefined, string, number][] = [
    [undefined, "全部", table.total],
    ...Object.entries(ROW_STATES).map(([state, label]): [RowState, string, number] => [state as RowState, label, table.counts[state as RowState]]),
  ];
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-3 text-sm" data-testid="table-controls">
      <Form action={path} role="search" aria-label="查找单位" className="flex items-center gap-2">
        <label htmlFor="table-q" className="text-slate-700">
          查找
        </label>
        <input id="table-q" name="q" type="search" defaultValue={view.q} maxLength={50} placeholder="单位名称、姓名或联系电话" className={cn(inputClass, "w-64")} data-testid="table-search" />
        {view.state && <input type="hidden" name="state" value={view.state} />}
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className={buttonClass("default")} data-testid="table-search-submit">
          查找
        </button>
        {view.q && (
          <Link href={href({ q: "" })} className={buttonClass("link")}>
            清除
          </Link>
        )}
      </Form>
      <nav aria-label="按填写情况筛选" className="flex flex-wrap items-center gap-1">
        {states.map(([state, label, count]) => {
          const current = view.state === state;
          return (
            <Link
              key={label}
              href={href({ state })}
              aria-current={current ? "page" : undefined}
              className={cn("rounded border px-2 py-1", current ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 text-slate-600 hover:border-brand-500")}
              data-testid={`table-state-${state ?? "all"}`}
            >
              {label} {count}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}

/** 上一页 / 第 x / y 页 / 下一页 below the table, with how many rows the search and filter let through. */
export function TablePager({ path, view, table, keep = {} }: { path: string; view: TableView; table: Omit<TablePage<unknown>, "rows">; keep?: Record<string, string> }) {
  const href = (page: number) => `${path}${tableHref(view, { page }, keep)}`;
  const filtered = view.q || view.state;
  return (
    <nav aria-label="分页" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600" data-testid="table-pager">
      <span data-testid="table-matched">
        {filtered ? `找到 ${table.matched} 行（共 ${table.total} 行）` : `共 ${table.total} 行`}
      </span>
      {table.pages > 1 && (
        <span className="flex items-center gap-2">
          {table.page > 1 ? (
            <Link href={href(table.page - 1)} className={buttonClass("default")} rel="prev" data-testid="page-prev">
              上一页
            </Link>
          ) : (
            <span className={buttonClass("default", "cursor-not-allowed text-slate-400")} aria-disabled="true">
              上一页
            </span>
          )}
          <span data-testid="page-current">
            第 {table.page} / {table.pages} 页
          </span>
          {table.page < table.pages ? (
            <Link href={href(table.page + 1)} className={buttonClass("default")} rel="next" data-testid="page-next">
              下一页
            </Link>
          ) : (
            <span className={buttonClass("default", "cursor-not-allowed text-slate-400")} aria-disabled="true">
              下一页
            </span>
          )}
        </span>
      )}
    </nav>
  );
}
