import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaigns, emailOutbox, emailSuppressions, rosterEntries, type SubmissionStatus, submissions, users } from "@/db/schema";
import { runReminderTick } from "@/lib/reminders/tick";
import { CHANGAN, CITY_EMAIL, COUNTY_EMAIL, DEADLINE, freshSeededDatabaseEachTest, SHIJIAZHUANG, submissionOf, TANGSHAN, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const before = (ms: number) => new Date(DEADLINE.getTime() - ms);
const after = (ms: number) => new Date(DEADLINE.getTime() + ms);
/** 河北省示例机电工程学校: province-affiliated, its own reporting unit, with an active school_staff user. */
const SCHOOL = "3613000001";
const SCHOOL_EMAIL = "school@demo.baosong.cn";

/** Runs the tick; answers how many slot emails (reminders and overdue notices) it queued. */
async function tick(db: Db, now: Date): Promise<number> {
  return (await runReminderTick({ db, now })).slots;
}

async function queued(db: Db, kinds = ["reminder", "overdue"]) {
  return db.select().from(emailOutbox).where(inArray(emailOutbox.kind, kinds)).orderBy(asc(emailOutbox.id));
}

async function setStatus(db: Db, unitCode: string, status: SubmissionStatus) {
  const { id } = await submissionOf(db, unitCode);
  await db.update(submissions).set({ status, submittedAt: status === "draft" ? null : before(2 * DAY) }).where(eq(submissions.id, id));
}

/** A row of the unit's table saved straight into the database. */
async function addRow(db: Db, reportingCode: string, unitCode: string, email: string, name = "王伟") {
  const submission = await submissionOf(db, reportingCode);
  const unit = await unitByCode(db, unitCode);
  await db.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId: submission.id, unitId: unit.id, name, position: "科长", phone: "13800138000", email });
}

describe("the reminder slots", () => {
  it("queue each slot once per recipient, however many workers tick at once, and again at the next slot", async () => {
    const { db } = world;
    const firstSlot = before(3 * DAY - MINUTE);
    const counts = await Promise.all(Array.from({ length: 5 }, () => tick(db, firstSlot)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await tick(db, before(2 * DAY))).toBe(0);

    const first = await queued(db);
    expect(first.map((e) => e.toAddress).sort()).toEqual([SCHOOL_EMAIL, CITY_EMAIL].sort());
    expect(new Set(first.map((e) => e.dedupeKey)).size).toBe(2);
    const city = first.find((e) => e.toAddress === CITY_EMAIL)!;
    expect(city).toMatchObject({ kind: "reminder", unitId: (await unitByCode(db, SHIJIAZHUANG)).id, campaignId: (await submissionOf(db, SHIJIAZHUANG)).campaignId });
    expect(city.subject).toBe("【催报提醒】关于做好全国中等职业学校管理信息系统应用准备工作的通知");
    expect(city.text).toContain("刘海燕同志：");
    expect(city.text).toContain("石家庄市教育局尚未提交");
    expect(city.text).toContain("截止时间：2025年3月7日 17:00（北京时间）");
    expect(city.text).toContain(`/submissions/${(await submissionOf(db, SHIJIAZHUANG)).id}`);
    expect(city.text).toContain("业务联系人：孙志河，电话 0311-66005705，邮箱 724456068@qq.com");
    expect(city.html).toContain("刘海燕同志：");

    expect(await tick(db, before(DAY))).toBe(2);
    expect(await tick(db, before(DAY - 5 * MINUTE))).toBe(0);
    expect((await queued(db)).length).toBe(4);
  });

  it("after downtime sends the most recent missed slot once, and after the deadline only the overdue notice", async () => {
    const { db } = world;
    // Down from before the first slot until 2 hours before the deadline: the 3-day and 1-day slots were missed.
    expect(await tick(db, before(2 * HOUR))).toBe(2);
    expect((await queued(db)).every((e) => e.dedupeKey?.includes(":-180@"))).toBe(true);
    expect(await tick(db, before(HOUR))).toBe(0);

    // Down again over the deadline: nothing from before it goes; the overdue notice waits for its slot.
    expect(await tick(db, after(30 * MINUTE))).toBe(0);
    expect(await tick(db, after(5 * DAY))).toBe(2);
    const overdue = await queued(db, ["overdue"]);
    expect(overdue).toHaveLength(2);
    expect(overdue[0].subject).toContain("【逾期提醒】");
    expect(overdue[0].text).toContain("已于 2025年3月7日 17:00（北京时间）截止");
    expect(await tick(db, after(6 * DAY))).toBe(0);
  });

  it("a campaign first seen after its deadline gets only the overdue notice", async () => {
    const { db } = world;
    expect(await tick(db, after(3 * HOUR))).toBe(2);
    expect((await queued(db)).map((e) => e.kind)).toEqual(["overdue", "overdue"]);
  });

  it("skips units that submitted or were approved, and reminds a unit whose table was returned", async () => {
    const { db } = world;
    await setStatus(db, SHIJIAZHUANG, "submitted");
    await setStatus(db, SCHOOL, "approved");
    expect(await tick(db, before(DAY))).toBe(0);

    await setStatus(db, SHIJIAZHUANG, "returned");
    expect(await tick(db, before(DAY))).toBe(1);
    expect((await queued(db)).map((e) => e.toAddress)).toEqual([CITY_EMAIL]);
  });

  it("a closed campaign sends nothing: no slot, no overdue notice, no digest", async () => {
    const { db } = world;
    await db.update(campaigns).set({ status: "closed", closedAt: before(DAY) });
    for (const now of [before(3 * DAY - MINUTE), before(DAY), before(2 * HOUR), after(2 * HOUR)]) expect(await tick(db, now)).toBe(0);
    expect(await db.$count(emailOutbox)).toBe(0);
  });

  it("writes to the unit's active users, else to its own row's address; invited users and bounced addresses get nothing", async () => {
    const { db } = world;
    // 唐山 has only an invited user: its own bureau's row is the contact. 长安区 is not a reporting unit.
    await addRow(db, TANGSHAN, TANGSHAN, "ts-admin@example.com", "周强");
    await addRow(db, SHIJIAZHUANG, SHIJIAZHUANG, "sjz-row@example.com");
    await db.insert(emailSuppressions).values({ address: SCHOOL_EMAIL, reason: "bounced" });
    expect(await tick(db, before(DAY))).toBe(2);
    const emails = await queued(db);
    expect(emails.map((e) => e.toAddress).sort()).toEqual([CITY_EMAIL, "ts-admin@example.com"].sort());
    const tangshan = emails.find((e) => e.toAddress === "ts-admin@example.com")!;
    expect(tangshan.userId).toBeNull();
    expect(tangshan.text).toContain("周强同志：");

    // Once 唐山's officer is active, the officer is written to instead (the next slot).
    await db.update(users).set({ status: "active", passwordHash: "$argon2id$test" }).where(eq(users.email, "tangshan@test.baosong.cn"));
    expect(await tick(db, before(2 * HOUR))).toBe(2);
    expect((await queued(db)).slice(2).map((e) => e.toAddress).sort()).toEqual([CITY_EMAIL, "tangshan@test.baosong.cn"].sort());
    expect((await queued(db)).some((e) => e.toAddress === COUNTY_EMAIL)).toBe(false);
  });

  it("a new deadline makes new slots", async () => {
    const { db } = world;
    expect(await tick(db, before(DAY))).toBe(2);
    const extended = new Date(DEADLINE.getTime() + 5 * DAY);
    await db.update(campaigns).set({ deadline: extended });
    expect(await tick(db, before(DAY - HOUR))).toBe(0);
    expect(await tick(db, new Date(extended.getTime() - DAY))).toBe(2);
    expect(await db.$count(emailOutbox, eq(emailOutbox.kind, "reminder"))).toBe(4);
  });
});

describe("the daily digest", () => {
  it("lists, once a day in the last three days, the units of a city's table whose rows are still empty", async () => {
    const { db } = world;
    const at8 = new Date("2025-03-05T08:00:00+08:00");
    expect(await tick(db, new Date("2025-03-05T07:59:00+08:00"))).toBe(2);
    expect(await queued(db, ["digest"])).toHaveLength(0);

    await tick(db, at8);
    await tick(db, new Date("2025-03-05T15:00:00+08:00"));
    const [digest, ...others] = await queued(db, ["digest"]);
    // The province-affiliated school's table is its own row only: nothing to list.
    expect(others).toHaveLength(0);
    expect(digest).toMatchObject({ toAddress: CITY_EMAIL, unitId: (await unitByCode(db, SHIJIAZHUANG)).id });
    expect(digest.subject).toMatch(/^【每日汇总】.*：\d+ 个单位尚未填写$/);
    expect(digest.text).toContain("长安区教育局");
    expect(digest.text).toContain("长安区示例职业中学");
    expect(digest.text).not.toContain("王伟");

    await addRow(db, SHIJIAZHUANG, CHANGAN, "changan-admin@example.com");
    await tick(db, new Date("2025-03-06T08:00:00+08:00"));
    const next = (await queued(db, ["digest"]))[1];
    expect(next.text).not.toContain("长安区教育局");
    expect(next.text).toContain("长安区示例职业中学");
    expect(Number(/(\d+) 个单位尚未填写/.exec(next.subject)![1])).toBe(Number(/(\d+) 个单位尚未填写/.exec(digest.subject)![1]) - 1);
  });

  it("stops once the table is submitted, and after the deadline", async () => {
    const { db } = world;
    await setStatus(db, SHIJIAZHUANG, "submitted");
    await tick(db, new Date("2025-03-05T09:00:00+08:00"));
    await setStatus(db, SHIJIAZHUANG, "draft");
    await tick(db, after(HOUR));
    expect(await queued(db, ["digest"])).toHaveLength(0);
  });
});
