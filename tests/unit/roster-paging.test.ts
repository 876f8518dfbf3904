import { describe, expect, it } from "vitest";
import { delegatedCount, readTableView } from "@/lib/roster/paging";
import { pageRows, rosterRowStates, type RowLens } from "../support/paging";

type Row = { unit: string; phone: string | null; filled: boolean };
const lens: RowLens<Row> = { searchable: (r) => [r.unit, r.phone], states: (r) => [r.filled ? "filled" : "empty"] };
const rows: Row[] = Array.from({ length: 250 }, (_, i) => ({ unit: `学校${i + 1}`, phone: i === 230 ? "0311-66005705" : null, filled: i % 2 === 0 }));

describe("pageRows", () => {
  it("finds a phone typed with other separators, and a unit by part of its name", () => {
    expect(pageRows(rows, readTableView({ q: "0311 6600 5705" }), lens).rows.map((r) => r.ordinal)).toEqual([231]);
    expect(pageRows(rows, readTableView({ q: "学校24" }), lens).matched).toBe(11);
  });

  it("numbers the rows of later pages by their place in the whole table, and counts states before filtering", () => {
    const second = pageRows(rows, readTableView({ page: "2", state: "empty" }), lens);
    expect(second).toMatchObject({ page: 2, pages: 2, matched: 125, total: 250, counts: { filled: 125, empty: 125, flagged: 0 } });
    expect(second.rows[0]).toMatchObject({ unit: "学校202", ordinal: 202 });
  });
});

describe("rosterRowStates", () => {
  const row = (state: "assigned" | "submitted" | null) => ({ entry: null, warnings: [], delegation: state && { state } });

  it("places each row in 分派填报 too, the city's own rows as undelegated, and counts the delegated ones", () => {
    const all = [row(null), row("assigned"), row("submitted"), row("submitted")];
    expect(rosterRowStates(all[0])).toEqual(["empty", "undelegated"]);
    const lens = { searchable: () => [], states: rosterRowStates };
    const page = pageRows(all, readTableView({ state: "submitted" }), lens);
    expect(page).toMatchObject({ matched: 2, counts: { empty: 4, undelegated: 1, assigned: 1, submitted: 2, confirmed: 0 } });
    expect(delegatedCount(page.counts)).toBe(3);
    expect(delegatedCount(pageRows([row(null)], readTableView({}), lens).counts)).toBe(0);
  });

  it("reads a delegation state from the URL, and drops one it does not know", () => {
    expect(readTableView({ state: "returned" }).state).toBe("returned");
    expect(readTableView({ state: "delegated" }).state).toBeUndefined();
  });
});
