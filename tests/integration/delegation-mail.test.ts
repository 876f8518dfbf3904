import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaigns, delegations, emailOutbox, submissions, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assignCommand, confirmCommand, handInCommand, returnRowCommand, setDeadlineCommand } from "@/lib/delegation/commands";
import { runReminderTick } from "@/lib/reminders/tick";
import { saveRowCommand } from "@/lib/roster/commands";
import { CITY_EMAIL, COUNTY_EMAIL, dataOf, freshSeededDatabaseEachTest, NOW, rowInput, run, unitByCode } from "../support/actors";
import { cityAndCounty } from "../support/delegation";

const world = freshSeededDatabaseEachTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The city's internal deadline for its delegates, two days before the campaign's (2025-03-07 17:00). */
const INTERNAL = { deadlineDate: "2025-03-05", deadlineTime: "17:00" };
const INTERNAL_DEADLINE = new Date("2025-03-05T17:00:00+08:00");
const before = (ms: number) => new Date(INTERNAL_DEADLINE.getTime() - ms);
/** 石家庄市示例职业技术教育中心: a school of the city's own, with no account. */
const CITY_SCHOOL = "3613010001";
const DELEGATE_SLOTS = ["delegate_reminder", "delegate_overdue"];

/** 石家庄's table delegated at NOW: 长安区 collects its schools' rows, by the internal deadline. */
async function delegated(db: Db) {
  const { submission, city, county, changan, schools } = await cityAndCounty(db);
  dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...INTERNAL }, city));
  return { submission, city, county, changan, schools };
}

async function emails(db: Db, kinds: string[]) {
  return db.select().from(emailOutbox).where(inArray(emailOutbox.kind, kinds)).orderBy(asc(emailOutbox.id));
}

/** The county fills every row it was given and hands them in. */
async function fillAndHandIn(db: Db, county: Actor, submissionId: number, changan: { id: number }, schools: { id: number; schoolCode: string | null }[], now = NOW) {
  dataOf(await run(db, saveRowCommand, rowInput(submissionId, changan.id, { email: "changan-admin@example.com" }), county, now));
  for (const [i, s] of schools.entries()) dataOf(await run(db, saveRowCommand, rowInput(submissionId, s.id, { email: `s${i}@example.com`, schoolCode: s.schoolCode }), county, now));
  const [delegation] = await db.select().from(delegations).where(eq(delegations.delegateUnitId, changan.id));
  dataOf(await run(db, handInCommand, { delegationId: delegation.id, expectedVersion: delegation.version }, county, now));
}

describe("reminder slots to a delegate", () => {
  it("go to the delegate's users before the internal deadline, once however many workers tick, naming the city, the rows and the deadline", async () => {
    const { db } = world;
    // Published on 03-01, delegated 03-03 10:00, 2 days 7 hours before the internal deadline: its 3-day slot had passed, it never goes.
    await db.update(campaigns).set({ publishedAt: new Date("2025-03-01T09:00:00+08:00") });
    const { submission, changan, schools } = await delegated(db);
    const tick = async (now: Date) => (await runReminderTick({ db, now })).delegateSlots;

    expect(await tick(new Date(NOW.getTime() + MINUTE))).toBe(0);
    expect(await tick(before(DAY + MINUTE))).toBe(0);
    const counts = await Promise.all(Array.from({ length: 4 }, () => tick(before(DAY))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await tick(before(DAY - 10 * MINUTE))).toBe(0);

    const [mail] = await emails(db, DELEGATE_SLOTS);
    const countyUser = (await db.select().from(users).where(eq(users.email, COUNTY_EMAIL)))[0];
    expect(mail).toMatchObject({ kind: "delegate_reminder", toAddress: COUNTY_EMAIL, userId: countyUser.id, unitId: changan.id, campaignId: submission.campaignId });
    expect(mail.subject).toBe("【催报提醒】石家庄市教育局分派的填报：关于做好全国中等职业学校管理信息系统应用准备工作的通知");
    expect(mail.text).toContain(`${countyUser.name}同志：`);
    expect(mail.text).toContain("石家庄市教育局将《关于做好全国中等职业学校管理信息系统应用准备工作的通知》");
    expect(mail.text).toContain(`以下各行尚未提交：长安区教育局、${schools.map((s) => s.name).join("、")}，共 ${1 + schools.length} 行。`);
    expect(mail.text).toContain("石家庄市教育局规定的截止时间：2025年3月5日 17:00（北京时间），剩余 1 天 0 小时。");
    expect(mail.text).toContain(`/submissions/${submission.id}`);
    expect(mail.text).toContain("如有疑问，请联系石家庄市教育局。");

    // 3 hours before, the next slot; after the internal deadline, the overdue notice.
    expect(await tick(before(3 * HOUR))).toBe(1);
    expect(await tick(new Date(INTERNAL_DEADLINE.getTime() + HOUR))).toBe(1);
    const overdue = (await emails(db, ["delegate_overdue"]))[0];
    expect(overdue.subject).toMatch(/^【逾期提醒】石家庄市教育局分派的填报：/);
    expect(overdue.text).toContain("石家庄市教育局规定的截止时间 2025年3月5日 17:00（北京时间）已过");
    expect(await tick(new Date(INTERNAL_DEADLINE.getTime() + DAY))).toBe(0);
  });

  it("stop once the delegate hands in, and resume naming only a row the city returns", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await delegated(db);
    const tick = async (now: Date) => (await runReminderTick({ db, now })).delegateSlots;
    await fillAndHandIn(db, county, submission.id, changan, schools);
    expect(await tick(before(DAY))).toBe(0);

    const returned = schools[0];
    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: returned.id, reason: "职务请写全称" }, city, before(DAY - HOUR)));
    expect(await tick(before(DAY - HOUR))).toBe(1);
    const [mail] = await emails(db, DELEGATE_SLOTS);
    expect(mail.text).toContain(`以下各行尚未提交：${returned.name}（已退回，请修改），共 1 行。`);
    expect(mail.text).not.toContain("长安区教育局、");
  });

  it("a new internal deadline makes new slots; a submitted city table, or a delegate without an active account, gets none", async () => {
    const { db } = world;
    const { submission, city } = await delegated(db);
    const tick = async (now: Date) => (await runReminderTick({ db, now })).delegateSlots;
    expect(await tick(before(DAY))).toBe(1);

    // Moved to 03-06 12:00: the latest slot of the new deadline that has passed (3 days before, after the 分派) goes now, the next at its time.
    const moved = new Date("2025-03-06T12:00:00+08:00");
    dataOf(await run(db, setDeadlineCommand, { submissionId: submission.id, deadlineDate: "2025-03-06", deadlineTime: "12:00" }, city, before(DAY)));
    expect(await tick(before(DAY - MINUTE))).toBe(1);
    expect(await tick(before(DAY - 2 * MINUTE))).toBe(0);
    expect(await tick(new Date(moved.getTime() - DAY))).toBe(1);
    const keys = (await emails(db, DELEGATE_SLOTS)).map((m) => m.dedupeKey);
    expect(new Set(keys).size).toBe(3);
    expect((await emails(db, DELEGATE_SLOTS)).at(-1)!.text).toContain("规定的截止时间：2025年3月6日 12:00（北京时间）");

    // A school delegated on its own, with no account yet: nobody to write to until it has one.
    const school = await unitByCode(db, CITY_SCHOOL);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [school.id], ...INTERNAL }, city, before(2 * DAY)));
    expect(await tick(new Date(moved.getTime() - 3 * HOUR))).toBe(1);
    expect(await db.$count(emailOutbox, and(inArray(emailOutbox.kind, DELEGATE_SLOTS), eq(emailOutbox.unitId, school.id)))).toBe(0);

    // The city submitted its table (or the province approved it): the delegates are not reminded.
    await db.update(submissions).set({ status: "submitted", submittedAt: moved }).where(eq(submissions.id, submission.id));
    expect(await tick(new Date(moved.getTime() + HOUR))).toBe(0);
  });

  it("a closed campaign reminds no delegate and sends the city no digest", async () => {
    const { db } = world;
    await delegated(db);
    await db.update(campaigns).set({ status: "closed", closedAt: NOW });
    for (const now of [new Date(NOW.getTime() + MINUTE), before(DAY), new Date(INTERNAL_DEADLINE.getTime() + 2 * HOUR)])
      expect(await runReminderTick({ db, now })).toMatchObject({ delegateSlots: 0, delegateDigests: 0 });
    expect(await db.$count(emailOutbox)).toBe(0);
  });
});

describe("the city's daily digest of its delegates", () => {
  it("lists, once a Beijing day from 08:00 in the last three days before the internal deadline, the delegates not handed in with their rows' states", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await delegated(db);
    const tick = async (now: Date) => (await runReminderTick({ db, now })).delegateDigests;

    // 2 days 7 hours before the internal deadline: today's digest goes now, once.
    expect(await tick(new Date(NOW.getTime() + MINUTE))).toBe(1);
    expect(await tick(new Date("2025-03-03T15:00:00+08:00"))).toBe(0);
    expect(await tick(new Date("2025-03-04T07:59:00+08:00"))).toBe(0);
    const [first] = await emails(db, ["delegate_digest"]);
    expect(first).toMatchObject({ toAddress: CITY_EMAIL, unitId: submission.unitId, campaignId: submission.campaignId });
    expect(first.subject).toBe("【分派进度】关于做好全国中等职业学校管理信息系统应用准备工作的通知：1 个下级单位尚未提交");
    expect(first.text).toContain("刘海燕同志：");
    expect(first.text).toContain("石家庄市教育局分派填报的《关于做好全国中等职业学校管理信息系统应用准备工作的通知》");
    expect(first.text).toContain(`长安区教育局：待下级填写 ${1 + schools.length} 行`);
    expect(first.text).toContain("下级截止时间：2025年3月5日 17:00（北京时间）");
    expect(first.text).toContain("任务截止时间：2025年3月7日 17:00（北京时间）");
    expect(first.text).toContain(`/submissions/${submission.id}`);

    // The county hands in, the city returns one row: the next day's digest says so.
    await fillAndHandIn(db, county, submission.id, changan, schools);
    expect(await tick(new Date("2025-03-04T08:00:00+08:00"))).toBe(0);
    const returned = schools[0];
    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: returned.id, reason: "电话有误" }, city));
    expect(await tick(new Date("2025-03-04T09:00:00+08:00"))).toBe(1);
    const second = (await emails(db, ["delegate_digest"]))[1];
    expect(second.text).toContain("长安区教育局：已退回下级 1 行");

    // Handed in again and confirmed: no digest; nor after the internal deadline.
    const [delegation] = await db.select().from(delegations).where(eq(delegations.delegateUnitId, changan.id));
    dataOf(await run(db, handInCommand, { delegationId: delegation.id, expectedVersion: delegation.version }, county));
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [returned.id] }, city));
    expect(await tick(new Date("2025-03-05T08:00:00+08:00"))).toBe(0);
    await db.execute(sql`update delegations set state = 'filling'`);
    await db.execute(sql`update delegated_rows set state = 'assigned' where unit_id = ${returned.id}`);
    expect(await tick(new Date("2025-03-05T17:00:00+08:00"))).toBe(0);
    expect(await db.$count(emailOutbox, eq(emailOutbox.kind, "delegate_digest"))).toBe(2);
  });

  it("gives each delegate's own internal deadline when they differ", async () => {
    const { db } = world;
    const { submission, city } = await delegated(db);
    const school = await unitByCode(db, CITY_SCHOOL);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [school.id], deadlineDate: "2025-03-04", deadlineTime: "12:00" }, city));
    expect((await runReminderTick({ db, now: new Date(NOW.getTime() + MINUTE) })).delegateDigests).toBe(1);
    const [digest] = await emails(db, ["delegate_digest"]);
    expect(digest.subject).toContain("2 个下级单位尚未提交");
    expect(digest.text).toContain("长安区教育局：待下级填写");
    expect(digest.text).toContain(`${school.name}：待下级填写 1 行（下级截止时间 2025年3月4日 12:00）`);
  });
});

describe("the city's 退回 of a delegated row", () => {
  it("emails the delegate unit's user the reason and a link to the table", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await delegated(db);
    await fillAndHandIn(db, county, submission.id, changan, schools);
    const returned = schools[0];
    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: returned.id, reason: "职务请写全称" }, city));

    const mails = await emails(db, ["delegation_returned"]);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ toAddress: COUNTY_EMAIL, userId: county.userId, unitId: changan.id, campaignId: submission.campaignId });
    expect(mail.subject).toBe(`【石家庄市教育局】「${returned.name}」的管理员信息被退回，请修改后重新提交`);
    expect(mail.text).toContain(`${county.name}同志：`);
    expect(mail.text).toContain(`石家庄市教育局 ${city.name} 于 2025年3月3日 10:00 退回了「${returned.name}」的管理员信息。`);
    expect(mail.text).toContain("退回原因：职务请写全称");
    expect(mail.text).toContain(`/submissions/${submission.id}`);
    expect(mail.html).toContain("职务请写全称");
  });
});
