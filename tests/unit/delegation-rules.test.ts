import { describe, expect, it } from "vitest";
import type { DelegatedRowState } from "@/db/schema";
import { mayEditRow, type TableEditor } from "@/lib/delegation/rules";

const STATES: DelegatedRowState[] = ["assigned", "submitted", "confirmed", "returned"];
const row = (state: DelegatedRowState | null) => ({ delegation: state && { state } });
const editable = (editor: TableEditor) => [null, ...STATES].filter((state) => mayEditRow(editor, row(state)));

describe("mayEditRow", () => {
  it("lets the city's filler change every row of the open table, the delegated ones too", () => {
    expect(editable({ tableOpen: true, filler: true, delegate: false })).toEqual([null, ...STATES]);
  });

  it("lets a delegate change only the rows it holds open: 待下级填写 and 已退回下级", () => {
    expect(editable({ tableOpen: true, filler: false, delegate: true })).toEqual(["assigned", "returned"]);
  });

  it("lets nobody change a row of a table that is not open, and a reader that is neither filler nor delegate no row", () => {
    expect(editable({ tableOpen: false, filler: true, delegate: false })).toEqual([]);
    expect(editable({ tableOpen: false, filler: false, delegate: true })).toEqual([]);
    expect(editable({ tableOpen: true, filler: false, delegate: false })).toEqual([]);
  });
});
