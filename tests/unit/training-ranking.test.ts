import { describe, expect, it } from "vitest";
import { type Attendance, rankUnits, type Receipt } from "@/lib/training/figures/figures";

const unit = (name: string, receipt: Receipt, registered: number, present: number, remedied = 0): { name: string; receipt: Receipt } & Attendance => ({ name, receipt, registered, present, absent: registered - present, remedied });

describe("ranking reporting units of a training task", () => {
  it("goes by 参训率 (补训 included), then 回执 on time before late before missing; ties share a rank, nobody registered comes last", () => {
    const ranked = rankUnits([
      unit("无人报名", "onTime", 0, 0),
      unit("逾期全到", "late", 2, 2),
      unit("按时全到", "onTime", 4, 3, 1),
      unit("按时一半", "onTime", 2, 1),
      unit("按时一半乙", "onTime", 4, 2),
      unit("未交无人", "missing", 0, 0),
    ]);
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, "按时全到"],
      [2, "逾期全到"],
      [3, "按时一半"],
      [3, "按时一半乙"],
      [5, "无人报名"],
      [6, "未交无人"],
    ]);
  });
});
