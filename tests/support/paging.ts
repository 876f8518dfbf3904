// The table's paging as JavaScript over every row: what the pages did before lib/roster/table-page.ts did it in SQL,
// kept as the oracle the SQL is held to (tests/integration/table-sql.test.ts).
import type { DelegatedRowState } from "@/db/schema";
import { PAGE_SIZE, rowFillStates, searchNeedle, TABLE_STATES, type TablePage, type TableState, type TableView } from "@/lib/roster/paging";

/** A row of the city's table: its fill states and its place in 分派填报 (what lib/roster/table-page.ts computes in SQL). */
export function rosterRowStates(row: Parameters<typeof rowFillStates>[0] & { delegation: { state: DelegatedRowState } | null }): TableState[] {
  return [...rowFillStates(row), row.delegation?.state ?? "undelegated"];
}

/** How a kind of row is searched and classified. */
export type RowLens<R> = {
  /** Unit name, person name and phone, or whatever a search should find the row by. */
  searchable(row: R): (string | null | undefined)[];
  states(row: R): TableState[];
};

function matcher(q: string): (text: string) => boolean {
  const needle = searchNeedle(q);
  return (text) => {
    const hay = text.normalize("NFKC").toLowerCase();
    return hay.includes(needle.text) || (needle.digits.length > 0 && hay.replace(/\D/g, "").includes(needle.digits));
  };
}

export function pageRows<R>(all: readonly R[], view: TableView, lens: RowLens<R>): TablePage<R> {
  const counts = Object.fromEntries(TABLE_STATES.map((s) => [s, 0])) as Record<TableState, number>;
  const matches = view.q ? matcher(view.q) : null;
  const kept: (R & { ordinal: number })[] = [];
  all.forEach((row, index) => {
    const states = lens.states(row);
    for (const s of states) counts[s] += 1;
    if (view.state && !states.includes(view.state)) return;
    if (matches && !lens.searchable(row).some((text) => text && matches(text))) return;
    kept.push({ ...row, ordinal: index + 1 });
  });
  const pages = Math.max(1, Math.ceil(kept.length / PAGE_SIZE));
  const page = Math.min(view.page, pages);
  return { rows: kept.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: all.length, counts, matched: kept.length, page, pages };
}
