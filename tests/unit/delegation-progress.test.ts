import { describe, expect, it } from "vitest";
import { describeProgress, progressOfRows } from "@/lib/delegation/progress";
import { describeEvent } from "@/lib/submissions/event-labels";

const AT = new Date("2025-03-04T09:00:00Z");
const none = { rows: 3, filled: 0, submitted: 0, confirmed: 0, returned: 0, submittedAt: null };

describe("a delegate's 分派 in words", () => {
  it("says what is still to fill, what waits for the city, what came back and when all is confirmed", () => {
    expect(describeProgress({ ...none, filled: 2 })).toBe("待填写（已填 2 / 3 行）");
    expect(describeProgress({ ...none, filled: 3, submitted: 3, submittedAt: AT })).toBe("已提交给市级（2025年3月4日 17:00），等待确认");
    expect(describeProgress({ ...none, filled: 3, submitted: 1, confirmed: 2, submittedAt: AT })).toBe("已提交给市级（2025年3月4日 17:00），已确认 2 / 3 行");
    expect(describeProgress({ ...none, filled: 3, submitted: 1, returned: 1, confirmed: 1, submittedAt: AT })).toBe("有 1 行被退回，请修改后重新提交给市级");
    expect(describeProgress({ ...none, filled: 3, confirmed: 3, submittedAt: AT })).toBe("已确认");
    // Withdrawn, the rows are the delegate's to fill again.
    expect(describeProgress({ ...none, filled: 3, submittedAt: AT })).toBe("待填写（已填 3 / 3 行）");
  });

  it("counts a delegate's rows by their delegation", () => {
    const row = (state: "assigned" | "submitted" | "confirmed" | "returned", filled: boolean) => ({
      filled,
      delegation: { state, submittedAt: state === "submitted" || state === "confirmed" ? AT : null },
    });
    expect(progressOfRows([row("assigned", false), row("submitted", true), row("returned", true)])).toEqual({
      rows: 3,
      filled: 2,
      submitted: 1,
      confirmed: 0,
      returned: 1,
      submittedAt: AT,
    });
  });

  it("words the timeline's delegation events with their rows, units and deadline", () => {
    expect(describeEvent({ action: "delegation.assigned", detail: { rows: 12, delegates: 3, deadline: AT.toISOString() } })).toBe("分派下级填报：12 行，截止 2025年3月4日 17:00");
    expect(describeEvent({ action: "delegation.deadline_set", detail: { deadline: AT.toISOString() } })).toBe("修改了下级截止时间为 2025年3月4日 17:00");
    expect(describeEvent({ action: "delegation.confirmed", detail: { rows: 2, unitNames: ["甲校", "乙校"] } })).toBe("确认了下级填报：「甲校」、「乙校」");
    expect(describeEvent({ action: "delegation.taken_back", detail: { rows: 30, unitNames: ["甲校"] } })).toBe("收回了分派：「甲校」等 30 个单位");
  });
});
