import { describe, expect, it } from "vitest";
import type { SnapshotRow } from "@/db/schema";
import { diffRounds } from "@/lib/review/diff";

const row = (unitId: number, overrides: Partial<SnapshotRow> = {}): SnapshotRow => ({
  unitId,
  unitName: `单位${unitId}`,
  name: "王伟",
  position: "主任",
  phone: "13800138000",
  email: `u${unitId}@example.com`,
  schoolCode: null,
  ...overrides,
});

describe("diffRounds", () => {
  it("leaves unchanged rows out and names each changed field with before and after", () => {
    const changes = diffRounds([row(1), row(2)], [row(1), row(2, { phone: "13900139000", name: "李娜" })]);
    expect(changes).toEqual([
      {
        unitId: 2,
        unitName: "单位2",
        kind: "changed",
        fields: [
          { field: "name", before: "王伟", after: "李娜" },
          { field: "phone", before: "13800138000", after: "13900139000" },
        ],
      },
    ]);
  });

  it("reports rows added and removed", () => {
    const changes = diffRounds([row(1)], [row(2)]);
    expect(changes.map((c) => [c.unitId, c.kind])).toEqual([
      [2, "added"],
      [1, "removed"],
    ]);
  });

  it("treats a school code going from none to a value as a change", () => {
    expect(diffRounds([row(1)], [row(1, { schoolCode: "3613010001" })])[0].fields).toEqual([{ field: "schoolCode", before: null, after: "3613010001" }]);
  });
});
