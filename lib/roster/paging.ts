// Which part of a long table a person is looking at: a page, a search and a row-state filter, all in
// the URL. Pure and browser-safe: lib/roster/table-page.ts finds the page in SQL, the controls read the view from it.
import { z } from "zod";
import type { DelegatedRowState } from "@/db/schema";

export const PAGE_SIZE = 100;

/** The states a row of the table can be filtered by, as the filter names them. */
export const ROW_STATES = { filled: "已填", empty: "未填", flagged: "有问题" } as const;
export type RowState = keyof typeof ROW_STATES;

/**
 * Where a row stands in 分派填报 (lib/delegation/rules.ts names them): "undelegated" is the city's own row. The filter
 * offers them once any row of the table is delegated.
 */
export const DELEGATION_STATES = ["undelegated", "assigned", "submitted", "accepted", "confirmed", "returned"] as const satisfies readonly (DelegatedRowState | "undelegated")[];
export type DelegationFilter = (typeof DELEGATION_STATES)[number];

/** Anything the table can be filtered by: how a row is filled, or where it stands in 分派填报. */
export type TableState = RowState | DelegationFilter;
export const TABLE_STATES: [TableState, ...TableState[]] = [...DELEGATION_STATES, ...(Object.keys(ROW_STATES) as RowState[])];

/** A table row's fill states: filled or empty, and flagged when it carries a warning or a return reason. */
export function rowFillStates(row: { entry: { returnReason: string | null } | null; warnings: readonly string[] }): RowState[] {
  return [row.entry ? "filled" : "empty", ...(row.warnings.length > 0 || row.entry?.returnReason ? (["flagged"] as const) : [])];
}

/** How many rows are delegated at all: the delegation filter is offered only then. */
export function delegatedCount(counts: Record<TableState, number>): number {
  return counts.assigned + counts.submitted + counts.accepted + counts.confirmed + counts.returned;
}

const SEARCH_MAX = 50;

/** The URL's page, q and state; anything unreadable falls back to the first page of everything. */
export const tableViewSchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  q: z.string().trim().max(SEARCH_MAX).catch("").default(""),
  state: z.enum(TABLE_STATES).optional().catch(undefined),
});
export type TableView = z.output<typeof tableViewSchema>;

/** searchParams as Next.js hands them to a page (a repeated key arrives as an array: the first one counts). */
export function readTableView(params: Record<string, string | string[] | undefined>): TableView {
  const first = (key: string) => (Array.isArray(params[key]) ? params[key][0] : params[key]);
  return tableViewSchema.parse({ page: first("page"), q: first("q"), state: first("state") });
}

export type TablePage<R> = {
  /** The rows of this page, each with its place (from 1) in the whole table. */
  rows: (R & { ordinal: number })[];
  /** Rows in the whole table, and in each state. */
  total: number;
  counts: Record<TableState, number>;
  /** Rows the search and filter let through, on `pages` pages; `page` is the one shown. */
  matched: number;
  page: number;
  pages: number;
};

/** What a search looks for: the text, folded; and its digits when it reads as a phone ("0311 6600" finds 0311-66005705). */
export function searchNeedle(q: string): { text: string; digits: string } {
  const text = q.normalize("NFKC").toLowerCase();
  return { text, digits: /^[\d\s\-()]+$/.test(text) ? text.replace(/\D/g, "") : "" };
}
