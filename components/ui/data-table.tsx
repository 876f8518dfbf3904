import { cn } from "./cn";
import { Empty } from "./empty";
import { Pager, type PagerProps } from "./pager";

export type Column<R> = {
  header: string;
  cell: (row: R) => React.ReactNode;
  /** Width and alignment of the column (Tailwind classes), on its header and cells. */
  className?: string;
};

/** A header cell: it stays in view while the page scrolls, and a short header such as 序号 never wraps. */
export const headCellClass = "sticky top-0 z-10 bg-slate-50 px-3 py-2 font-medium whitespace-nowrap shadow-[0_1px_0_0_var(--color-slate-200)]";

/**
 * The frame of every table of the portal. On a narrow screen a wide table scrolls sideways in its frame
 * (the page itself never does); from the large breakpoint up it lies on the page, so the page's own
 * scroll bar is the only one and the sticky header holds against it.
 */
export function TableFrame({
  testId,
  minWidth = "min-w-[960px]",
  className,
  frameClassName,
  head,
  children,
}: {
  testId: string;
  /** The header cells (with headCellClass). */
  head: React.ReactNode;
  /** The width below which the table scrolls sideways on a narrow screen. */
  minWidth?: string;
  className?: string;
  frameClassName?: string;
  /** The body rows. */
  children: React.ReactNode;
}) {
  return (
    <div className={cn("overflow-x-auto rounded border border-slate-200 lg:overflow-x-visible", frameClassName)}>
      <table className={cn("w-full border-collapse text-sm lg:min-w-0", minWidth, className)} data-testid={testId}>
        <thead className="text-left text-slate-600">
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The portal's list table: sticky header, one line per row, an empty state that says what to do, and paging. */
export function DataTable<R>({
  rows,
  columns,
  rowKey,
  rowProps,
  rowClassName,
  empty,
  minWidth,
  testId,
  pager,
}: {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string | number;
  /** Test ids and data attributes of a row. */
  rowProps?: (row: R) => Record<`data-${string}`, string | number | undefined>;
  /** A row's own look, e.g. greyed when disabled. */
  rowClassName?: (row: R) => string | undefined;
  empty: { title: string; description?: string };
  minWidth?: string;
  testId: string;
  pager?: PagerProps;
}) {
  if (rows.length === 0) return <Empty title={empty.title} description={empty.description} />;
  return (
    <div>
      <TableFrame
        testId={testId}
        minWidth={minWidth}
        head={columns.map((c) => (
          <th key={c.header} scope="col" className={cn(headCellClass, c.className)}>
            {c.header}
          </th>
        ))}
      >
        {rows.map((row) => (
          <tr key={rowKey(row)} className={cn("border-t border-slate-100 align-top hover:bg-slate-50", rowClassName?.(row))} {...rowProps?.(row)}>
            {columns.map((c) => (
              <td key={c.header} className={cn("px-3 py-2", c.className)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </TableFrame>
      {pager && <Pager {...pager} />}
    </div>
  );
}
