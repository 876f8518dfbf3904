import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_OFFSETS } from "@/lib/campaigns/schedule";
import { dueDigestDay, dueSlot } from "@/lib/reminders/schedule";

const DEADLINE = new Date("2021-11-26T17:00:00+08:00");
const PUBLISHED = new Date("2021-11-19T09:00:00+08:00");
const at = (iso: string) => new Date(`${iso}+08:00`);
const slot = (now: Date, publishedAt: Date | null = PUBLISHED) => dueSlot({ offsets: DEFAULT_REMINDER_OFFSETS, deadline: DEADLINE, publishedAt, now });

describe("dueSlot (defaults: 3 days, 1 day, 3 hours before; 1 hour after)", () => {
  it("has nothing before the first slot", () => {
    expect(slot(at("2021-11-23T16:59:59"))).toBeNull();
  });

  it("names each slot from its moment until the next one", () => {
    expect(slot(at("2021-11-23T17:00:00"))).toEqual({ offset: -4320, kind: "reminder" });
    expect(slot(at("2021-11-25T16:59:00"))).toEqual({ offset: -4320, kind: "reminder" });
    expect(slot(at("2021-11-25T17:00:00"))).toEqual({ offset: -1440, kind: "reminder" });
    expect(slot(at("2021-11-26T14:00:00"))).toEqual({ offset: -180, kind: "reminder" });
  });

  it("after downtime, only the most recent missed slot goes", () => {
    expect(slot(at("2021-11-26T16:30:00"))).toEqual({ offset: -180, kind: "reminder" });
  });

  it("once the deadline has passed, no reminder before it goes; only the overdue notice, from an hour after", () => {
    expect(slot(at("2021-11-26T17:00:00"))).toBeNull();
    expect(slot(at("2021-11-26T17:59:00"))).toBeNull();
    expect(slot(at("2021-11-26T18:00:00"))).toEqual({ offset: 60, kind: "overdue" });
    expect(slot(at("2021-12-10T09:00:00"))).toEqual({ offset: 60, kind: "overdue" });
  });

  it("skips slots that had passed before the campaign was published", () => {
    const lateNotice = at("2021-11-25T10:00:00");
    expect(slot(at("2021-11-25T12:00:00"), lateNotice)).toBeNull();
    expect(slot(at("2021-11-25T17:00:00"), lateNotice)).toEqual({ offset: -1440, kind: "reminder" });
  });

  it("follows the province's own slots", () => {
    expect(dueSlot({ offsets: [-30, 15, 120], deadline: DEADLINE, publishedAt: PUBLISHED, now: at("2021-11-26T16:45:00") })).toEqual({ offset: -30, kind: "reminder" });
    expect(dueSlot({ offsets: [-30, 15, 120], deadline: DEADLINE, publishedAt: PUBLISHED, now: at("2021-11-26T20:00:00") })).toEqual({ offset: 120, kind: "overdue" });
    expect(dueSlot({ offsets: [], deadline: DEADLINE, publishedAt: PUBLISHED, now: at("2021-11-26T16:45:00") })).toBeNull();
  });
});

describe("dueDigestDay", () => {
  it("is the Beijing date, from 08:00, in the last three days before the deadline", () => {
    expect(dueDigestDay({ deadline: DEADLINE, now: at("2021-11-23T16:59:00") })).toBeNull();
    expect(dueDigestDay({ deadline: DEADLINE, now: at("2021-11-23T17:00:00") })).toBe("2021-11-23");
    expect(dueDigestDay({ deadline: DEADLINE, now: at("2021-11-24T07:59:00") })).toBeNull();
    expect(dueDigestDay({ deadline: DEADLINE, now: at("2021-11-24T08:00:00") })).toBe("2021-11-24");
    expect(dueDigestDay({ deadline: DEADLINE, now: at("2021-11-26T16:59:00") })).toBe("2021-11-26");
    expect(dueDigestDay({ deadline: DEADLINE, now: at("2021-11-26T17:00:00") })).toBeNull();
  });

  it("reads the day and the hour in Beijing time, whatever the server's zone", () => {
    expect(dueDigestDay({ deadline: DEADLINE, now: at("2021-11-25T00:30:00") })).toBeNull();
    expect(dueDigestDay({ deadline: DEADLINE, now: new Date("2021-11-25T00:30:00Z") })).toBe("2021-11-25");
  });
});
