import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_OFFSETS, describeOffset, fromBeijing, offsetToSlot, slotToOffset, toBeijing } from "@/lib/campaigns/schedule";

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("the deadline, entered as a Beijing date and time", () => {
  it.each(["UTC", "America/Los_Angeles", "Asia/Shanghai"])("reads 2021-11-26 17:00 as 09:00 UTC whatever the process's zone (%s)", (zone) => {
    process.env.TZ = zone;
    expect(fromBeijing("2021-11-26", "17:00")?.toISOString()).toBe("2021-11-26T09:00:00.000Z");
    expect(toBeijing(new Date("2021-11-26T09:00:00Z"))).toEqual({ date: "2021-11-26", time: "17:00" });
  });

  it("crosses midnight on the Beijing calendar, not the UTC one", () => {
    expect(fromBeijing("2022-01-01", "00:30")?.toISOString()).toBe("2021-12-31T16:30:00.000Z");
    expect(toBeijing(new Date("2021-12-31T16:30:00Z"))).toEqual({ date: "2022-01-01", time: "00:30" });
  });

  it.each([
    ["2021-02-30", "17:00"],
    ["2021-13-01", "17:00"],
    ["2021-11-26", "24:00"],
    ["2021-11-26", "17:60"],
    ["2021/11/26", "17:00"],
    ["", "17:00"],
    ["2021-11-26", ""],
  ])("refuses %s %s, which is no time at all", (date, time) => {
    expect(fromBeijing(date, time)).toBeNull();
  });

  it("accepts 29 February in a leap year only", () => {
    expect(fromBeijing("2024-02-29", "09:00")).not.toBeNull();
    expect(fromBeijing("2023-02-29", "09:00")).toBeNull();
  });
});

describe("reminder slots", () => {
  it("reads the defaults as 3 days, 1 day and 3 hours before, and 1 hour after", () => {
    expect(DEFAULT_REMINDER_OFFSETS.map(describeOffset)).toEqual(["截止前 3 天", "截止前 1 天", "截止前 3 小时", "截止后 1 小时"]);
  });

  it("turns a slot into minutes relative to the deadline and back", () => {
    expect(slotToOffset({ when: "before", amount: 3, unit: "day" })).toBe(-4320);
    expect(slotToOffset({ when: "after", amount: 90, unit: "minute" })).toBe(90);
    for (const offset of [-4320, -1440, -180, -90, 60, 1440, 45]) expect(slotToOffset(offsetToSlot(offset))).toBe(offset);
  });

  it("uses the largest unit that divides the offset exactly", () => {
    expect(offsetToSlot(-2880)).toEqual({ when: "before", amount: 2, unit: "day" });
    expect(offsetToSlot(-1500)).toEqual({ when: "before", amount: 25, unit: "hour" });
    expect(offsetToSlot(90)).toEqual({ when: "after", amount: 90, unit: "minute" });
  });
});
