import { cn } from "./cn";
import { Empty } from "./empty";

export type Column<R> = {
  header: string;
  cell: (row: R) => React.ReactNode;
  /** Width and alignment of the column (Tailwind classes), on its header and cells. */
  className?: string;
};

/**
 * The portal's list table: a header that stays in view while the page scrolls, one line per row, and an
 * empty state that says what to do. On a narrow screen a wide table scrolls sideways in its frame; from
 * the large breakpoint up it lies on the page, so the page's own scroll bar is the only one.
 */
export function DataTable<R>({
  rows,
  columns,
  rowKey,
  rowProps,
  empty,
  minWidth = "min-w-[960px]",
  testId,
  footer,
}: {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string | number;
  /** Test ids and data attributes of a row. */
  rowProps?: (row: R) => Record<`data-${string}`, string | number | undefined>;
  empty: { title: string; description?: string };
  /** The width below which the table scrolls sideways on a narrow screen. */
  minWidth?: string;
  testId: string;
  /** Paging, under the table. */
  footer?: React.ReactNode;
}) {
  if (rows.length === 0) return <Empty title={empty.title} description={empty.description} />;
  return (
    <div>
      <div className="overflow-x-auto rounded border border-slate-200 lg:overflow-x-visible">
        <table className={cn("w-full border-collapse text-sm lg:min-w-0", minWidth)} data-testid={testId}>
          <thead className="text-left text-slate-600">
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={cn("sticky top-0 z-10 bg-slate-50 px-3 py-2 font-medium whitespace-nowrap", c.className)}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className="border-t border-slate-100 align-top hover:bg-slate-50" {...rowProps?.(row)}>
                {columns.map((c) => (
                  <td key={c.header} className={cn("px-3 py-2", c.className)}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {footer}
    </div>
  );
}
