import { describe, expect, it } from "vitest";
import type { DelegatedRowState } from "@/db/schema";
import { decisionsOn, mayEditRow, type TableEditor } from "@/lib/delegation/rules";

const STATES: DelegatedRowState[] = ["assigned", "submitted", "confirmed", "returned", "accepted"];
const UNIT = 7;
const row = (state: DelegatedRowState | null, delegateUnitId = UNIT) => ({ delegation: state && { state, delegateUnitId } });
const editable = (editor: TableEditor) => [null, ...STATES].filter((state) => mayEditRow(editor, row(state)));

describe("mayEditRow", () => {
  it("lets the city's filler change every row of the open table, the delegated ones too", () => {
    expect(editable({ tableOpen: true, filler: true, delegate: false, unitId: UNIT })).toEqual([null, ...STATES]);
  });

  it("lets a delegate change only the rows it holds open: 待下级填写 and 已退回下级", () => {
    expect(editable({ tableOpen: true, filler: false, delegate: true, unitId: UNIT })).toEqual(["assigned", "returned"]);
  });

  it("lets nobody change a row of a table that is not open, and a reader that is neither filler nor delegate no row", () => {
    expect(editable({ tableOpen: false, filler: true, delegate: false, unitId: UNIT })).toEqual([]);
    expect(editable({ tableOpen: false, filler: false, delegate: true, unitId: UNIT })).toEqual([]);
    expect(editable({ tableOpen: true, filler: false, delegate: false, unitId: UNIT })).toEqual([]);
  });
});

describe("mayEditRow under a collecting county", () => {
  it("leaves a school's row the county handed on to the school, whatever its state", () => {
    for (const state of STATES) expect(mayEditRow({ tableOpen: true, filler: false, delegate: true, unitId: UNIT }, row(state, UNIT + 1))).toBe(false);
  });
});

describe("decisionsOn", () => {
  const collected = (state: DelegatedRowState, collectorHandedIn: boolean) => ({ state, collectorHandedIn });

  it("lets the county confirm, return and take back what its school handed in; once confirmed, only return", () => {
    expect(decisionsOn("county", collected("submitted", false))).toEqual({ confirm: true, return: true, takeBack: true });
    expect(decisionsOn("county", collected("accepted", false))).toEqual({ confirm: false, return: true, takeBack: false });
    expect(decisionsOn("county", collected("assigned", false))).toEqual({ confirm: false, return: false, takeBack: true });
  });

  it("keeps the city off a school's row until its county hands it in, and then decides as on any row", () => {
    expect(decisionsOn("city", collected("submitted", false))).toMatchObject({ confirm: false, return: false });
    expect(decisionsOn("city", collected("accepted", false))).toMatchObject({ confirm: false, return: false });
    expect(decisionsOn("city", collected("submitted", true))).toMatchObject({ confirm: true, return: true });
    expect(decisionsOn("city", { state: "confirmed", collectorHandedIn: null })).toEqual({ confirm: false, return: true, takeBack: false });
  });
});
