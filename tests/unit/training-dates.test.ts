import { describe, expect, it } from "vitest";
import { formatPhaseDates, phaseLabel } from "@/lib/training/plan/dates";

describe("a phase's dates as people read them", () => {
  it("says the year once within a year, twice across one, and 待定 while not set", () => {
    expect(formatPhaseDates("2021-12-06", "2021-12-10")).toBe("2021年12月6日—12月10日");
    expect(formatPhaseDates("2021-12-27", "2022-01-07")).toBe("2021年12月27日—2022年1月7日");
    expect(formatPhaseDates("2022-03-31", "2022-03-31")).toBe("2022年3月31日");
    expect(formatPhaseDates(null, null)).toBe("待定（另行通知）");
  });

  it("names the phases in Chinese ordinals", () => {
    expect([1, 2, 3].map(phaseLabel)).toEqual(["第一阶段", "第二阶段", "第三阶段"]);
  });
});
