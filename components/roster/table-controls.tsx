import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { Pager, pageHref } from "@/components/ui/pager";
import { ROW_DELEGATION_LABELS } from "@/lib/delegation/rules";
import { DELEGATION_STATES, delegatedCount, ROW_STATES, type RowState, type TablePage, type TableState, type TableView } from "@/lib/roster/paging";

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
  const href = (patch: Partial<TableView>) => pageHref({ path, params: { ...keep, q: view.q, state: view.state, ...patch } }, 1);
  const states: [TableState | undefined, string, number][] = [
    [undefined, "全部", table.total],
    ...Object.entries(ROW_STATES).map(([state, label]): [RowState, string, number] => [state as RowState, label, table.counts[state as RowState]]),
  ];
  // Once rows are delegated (分派填报), they are found by where they stand too: 下级已提交 is what waits for 确认.
  const delegationStates: [TableState, string, number][] =
    delegatedCount(table.counts) > 0 ? DELEGATION_STATES.map((state) => [state, ROW_DELEGATION_LABELS[state], table.counts[state]]) : [];
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-3 text-sm" data-testid="table-controls">
      <Form action={path} role="search" aria-label="查找单位" className="flex items-center gap-2 max-md:w-full">
        <label htmlFor="table-q" className="text-slate-700">
          查找
        </label>
        <input id="table-q" name="q" type="search" defaultValue={view.q} maxLength={50} placeholder="单位名称、姓名或联系电话" className={cn(inputClass, "w-64 max-md:w-auto max-md:min-w-0 max-md:flex-1")} data-testid="table-search" />
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
      <div className="flex flex-col items-end gap-2">
        <StateLinks label="按填写情况筛选" states={states} current={view.state} href={href} />
        {delegationStates.length > 0 && <StateLinks label="按分派状态筛选" states={delegationStates} current={view.state} href={href} />}
      </div>
    </div>
  );
}

/** One row of filter links, each with its count; the one in the URL is marked current. */
function StateLinks({
  label,
  states,
  current,
  href,
}: {
  label: string;
  states: [TableState | undefined, string, number][];
  current: TableState | undefined;
  href: (patch: Partial<TableView>) => string;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-1">
      {states.map(([state, name, count]) => {
        const selected = current === state;
        return (
          <Link
            key={name}
            href={href({ state })}
            aria-current={selected ? "page" : undefined}
            className={cn("rounded border px-2 py-1", selected ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 text-slate-600 hover:border-brand-500")}
            data-testid={`table-state-${state ?? "all"}`}
          >
            {name} {count}
          </Link>
        );
      })}
    </nav>
  );
}

/** The pager under a long table, with how many rows the search and filter let through. */
export function TablePager({ path, view, table, keep = {} }: { path: string; view: TableView; table: Omit<TablePage<unknown>, "rows">; keep?: Record<string, string> }) {
  const filtered = view.q || view.state;
  return (
    <Pager
      path={path}
      params={{ ...keep, q: view.q, state: view.state }}
      page={table.page}
      pages={table.pages}
      summary={filtered ? `找到 ${table.matched} 行（共 ${table.total} 行）` : `共 ${table.total} 行`}
    />
  );
}
