import { describe, expect, it } from "vitest";
import { addWorkingDays } from "@/lib/training/questions/rules";

const at = (iso: string) => new Date(iso);

describe("addWorkingDays (Monday to Friday, Beijing time)", () => {
  it("Friday afternoon plus 3 working days is Wednesday afternoon", () => {
    expect(addWorkingDays(at("2025-03-07T15:00:00+08:00"), 3)).toEqual(at("2025-03-12T15:00:00+08:00"));
  });

  it("within a week it is 3 calendar days", () => {
    expect(addWorkingDays(at("2025-03-03T10:00:00+08:00"), 3)).toEqual(at("2025-03-06T10:00:00+08:00"));
  });

  it("Wednesday plus 3 working days skips the weekend to Monday", () => {
    expect(addWorkingDays(at("2025-03-05T09:30:00+08:00"), 3)).toEqual(at("2025-03-10T09:30:00+08:00"));
  });

  it("asked on a Saturday, the days start on Monday", () => {
    expect(addWorkingDays(at("2025-03-08T11:00:00+08:00"), 3)).toEqual(at("2025-03-12T11:00:00+08:00"));
  });

  it("counts the Beijing day, not the UTC one: Friday 07:00 Beijing is still Thursday in UTC", () => {
    expect(addWorkingDays(at("2025-03-07T07:00:00+08:00"), 1)).toEqual(at("2025-03-10T07:00:00+08:00"));
  });
});
