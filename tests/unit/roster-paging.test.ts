import { describe, expect, it } from "vitest";
import { pageRows, readTableView, type RowLens } from "@/lib/roster/paging";

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
