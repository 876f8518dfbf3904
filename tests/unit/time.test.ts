import { afterEach, describe, expect, it } from "vitest";
import { compactDate, describeRemaining, formatDate, formatDateTime } from "@/lib/time";

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

// Zones on both sides of Beijing, so reading the process's local time would show up in every case.
const PROCESS_ZONES = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai"];

describe("formatDateTime", () => {
  it.each(PROCESS_ZONES)("shows the notice's deadline in Beijing time when the process runs in %s", (zone) => {
    process.env.TZ = zone;
    // Guards the test itself: Node must really have switched zones for this case to mean anything.
    if (zone !== "UTC" && zone !== "Asia/Shanghai") expect(new Date("2021-11-26T09:00:00Z").getTimezoneOffset()).not.toBe(0);
    expect(formatDateTime(new Date("2021-11-26T09:00:00Z"))).toBe("2021年11月26日 17:00");
    expect(formatDate(new Date("2021-11-26T09:00:00Z"))).toBe("2021年11月26日");
    expect(compactDate(new Date("2021-11-26T09:00:00Z"))).toBe("20211126");
  });

  it("rolls the date over at Beijing midnight, not UTC midnight, and writes midnight as 00:00", () => {
    process.env.TZ = "UTC";
    expect(formatDateTime(new Date("2021-11-25T16:00:00Z"))).toBe("2021年11月26日 00:00");
    expect(formatDateTime(new Date("2021-11-25T15:59:00Z"))).toBe("2021年11月25日 23:59");
    expect(compactDate(new Date("2021-12-31T16:30:00Z"))).toBe("20220101");
  });

  it("pads hours and minutes but not months and days", () => {
    expect(formatDateTime(new Date("2022-01-04T22:05:00Z"))).toBe("2022年1月5日 06:05");
    expect(compactDate(new Date("2022-01-04T22:05:00Z"))).toBe("20220105");
  });
});

describe("describeRemaining", () => {
  const deadline = new Date("2021-11-26T09:00:00Z");
  const before = (ms: number) => new Date(deadline.getTime() - ms);
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;

  it("counts days and hours when the deadline is days away, not urgent", () => {
    expect(describeRemaining(deadline, before(3 * DAY + 4 * HOUR + 20 * MINUTE))).toEqual({ text: "剩余 3 天 4 小时", overdue: false, urgent: false });
  });

  it("is urgent within the last 24 hours and counts hours and minutes", () => {
    expect(describeRemaining(deadline, before(5 * HOUR + 30 * MINUTE))).toEqual({ text: "剩余 5 小时 30 分钟", overdue: false, urgent: true });
    expect(describeRemaining(deadline, before(12 * MINUTE))).toEqual({ text: "剩余 12 分钟", overdue: false, urgent: true });
  });

  it("puts the urgency line at exactly 24 hours", () => {
    expect(describeRemaining(deadline, before(DAY)).urgent).toBe(false);
    expect(describeRemaining(deadline, before(DAY - MINUTE)).urgent).toBe(true);
  });

  it("is overdue (and urgent) once the deadline has passed, counting time since it", () => {
    expect(describeRemaining(deadline, before(-(2 * DAY + 3 * HOUR)))).toEqual({ text: "已截止 2 天 3 小时", overdue: true, urgent: true });
    expect(describeRemaining(deadline, before(-45 * MINUTE))).toEqual({ text: "已截止 45 分钟", overdue: true, urgent: true });
  });

  it("is not yet overdue at the deadline instant itself (a submission then is not late either)", () => {
    expect(describeRemaining(deadline, deadline).overdue).toBe(false);
    expect(describeRemaining(deadline, new Date(deadline.getTime() + 1)).overdue).toBe(true);
  });
});
