// 分派给学校: a county collecting its schools hands a school's row on to the school, which fills it and hands it to
// the county (提交给县级); the county confirms or returns it, and hands it to the city with its own.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { delegatedRows, delegations, emailOutbox, units, users } from "@/db/schema";
import { runReminderTick } from "@/lib/reminders/tick";
import { getTasksByActor } from "@/lib/campaigns/queries";
import {
  assignCommand,
  assignToSchoolsCommand,
  confirmCommand,
  confirmSchoolsCommand,
  handInCommand,
  returnRowCommand,
  returnSchoolRowCommand,
  setDeadlineCommand,
  setSchoolsDeadlineCommand,
  takeBackCommand,
  takeBackFromSchoolsCommand,
  withdrawHandInCommand,
} from "@/lib/delegation/commands";
import { saveRowCommand } from "@/lib/roster/commands";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { actorFor, auditOf, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, dataOf, FIRST_PAGE, freshSeededDatabaseEachTest, rowInput, run, SHIJIAZHUANG, submissionOf, unitByCode } from "../support/actors";
import { panelOf } from "../support/delegation";

const world = freshSeededDatabaseEachTest();

const CITY_DEADLINE = { deadlineDate: "2025-03-05", deadlineTime: "17:00" };
const SCHOOL_DEADLINE = { deadlineDate: "2025-03-04", deadlineTime: "17:00" };

/** 石家庄's table delegated to 长安区 collecting its schools: the seeded school and a second one, each with a 填报员. */
async function collectingCounty(db: Db) {
  const submission = await submissionOf(db, SHIJIAZHUANG);
  const city = await actorFor(db, CITY_EMAIL);
  const county = await actorFor(db, COUNTY_EMAIL);
  const changan = await unitByCode(db, CHANGAN);
  await db.insert(units).values({ code: "3613010099", name: "长安区示例第二职业中学", kind: "school", reportingParentId: changan.id, schoolCode: "3613010099", sortOrder: 9 });
  const schools = await db.select().from(units).where(and(eq(units.reportingParentId, changan.id), eq(units.kind, "school"))).orderBy(units.code);
  expect(schools).toHaveLength(2);
  const schoolActors = [];
  for (const [i, school] of schools.entries()) {
    const email = `school${i}@changan.example.com`;
    await db.insert(users).values({ email, name: `学校填报员${i}`, role: "school_staff", unitId: school.id, status: "active", passwordHash: "x" });
    schoolActors.push(await actorFor(db, email));
  }
  dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...CITY_DEADLINE }, city));
  return { submission, city, county, changan, schools, schoolActors };
}

async function delegationOf(db: Db, delegateUnitId: number) {
  const [delegation] = await db.select().from(delegations).where(eq(delegations.delegateUnitId, delegateUnitId));
  return delegation;
}

async function rowOf(db: Db, unitId: number) {
  const [row] = await db.select().from(delegatedRows).where(eq(delegatedRows.unitId, unitId));
  return row;
}

async function entryVersion(db: Db, unitId: number): Promise<number> {
  const [entry] = await db.execute<{ version: number }>(sql`select version from roster_entries where unit_id = ${unitId}`);
  return entry.version;
}

const handIn = async (db: Db, actor: Parameters<typeof run>[3], delegateUnitId: number, command = handInCommand) => {
  const { id, version } = await delegationOf(db, delegateUnitId);
  return run(db, command, { delegationId: id, expectedVersion: version }, actor);
};

describe("分派给学校", () => {
  it("walks a school's row from the county's 分派 through 提交给县级, 退回, 确认 and the county's 提交给市级 to the city's 确认", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools, schoolActors } = await collectingCounty(db);
    const [school, second] = schools;
    const [schoolActor] = schoolActors;

    expect(dataOf(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [school.id], ...SCHOOL_DEADLINE }, county))).toEqual({ assigned: 1 });
    const countyDelegation = await delegationOf(db, changan.id);
    const schoolDelegation = await delegationOf(db, school.id);
    expect(schoolDelegation).toMatchObject({ parentDelegationId: countyDelegation.id, state: "filling", deadline: new Date("2025-03-04T09:00:00Z") });
    expect(await rowOf(db, school.id)).toMatchObject({ delegationId: schoolDelegation.id, state: "assigned" });

    // The school sees its task with the county's deadline, and on the table page its one row.
    const [task] = (await getTasksByActor({ db, actor: schoolActor })).filter((t) => t.delegation);
    expect(task.delegation).toMatchObject({ rows: 1, collectorName: "长安区教育局", deadline: new Date("2025-03-04T09:00:00Z") });
    const page = await getWorkspaceForActor({ db, actor: schoolActor, submissionId: submission.id, view: FIRST_PAGE });
    expect(page?.table.rows.map((r) => r.unitId)).toEqual([school.id]);
    expect(page?.delegation).toMatchObject({ id: schoolDelegation.id, collectorName: "长安区教育局" });

    // The school fills and hands in to its county; the city cannot confirm what the county has not handed in.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { email: "school@example.com", schoolCode: school.schoolCode }), schoolActor));
    dataOf(await handIn(db, schoolActor, school.id));
    expect((await rowOf(db, school.id)).state).toBe("submitted");
    expect(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [school.id] }, city)).toMatchObject({ ok: false, formError: expect.stringContaining("不能确认") });

    // The county sees the school's row among its own; it may not hand in before it has confirmed it, and says which.
    const countyPage = await getWorkspaceForActor({ db, actor: county, submissionId: submission.id, view: FIRST_PAGE });
    expect(countyPage?.table.rows.find((r) => r.unitId === school.id)?.delegation).toMatchObject({ state: "submitted", delegateUnitName: school.name, collectorUnitName: "长安区教育局" });
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { email: "changan@example.com" }), county));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, second.id, { email: "second@example.com", schoolCode: second.schoolCode }), county));
    expect(await handIn(db, county, changan.id)).toMatchObject({ ok: false, formError: expect.stringContaining(`「${school.name}」由学校填报，您尚未确认`) });

    // The county returns it with a reason, emailed to the school; the school fixes it and hands it in again.
    dataOf(await run(db, returnSchoolRowCommand, { submissionId: submission.id, unitId: school.id, reason: "职务请写全称" }, county));
    expect(await rowOf(db, school.id)).toMatchObject({ state: "returned", returnReason: "职务请写全称", decidedBy: county.userId });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "delegation_returned"));
    expect(mail).toMatchObject({ toAddress: schoolActor.email, unitId: school.id });
    expect(mail.text).toContain("职务请写全称");
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { email: "school@example.com", schoolCode: school.schoolCode, position: "信息中心主任（兼）", expectedVersion: await entryVersion(db, school.id) }), schoolActor));
    dataOf(await handIn(db, schoolActor, school.id));

    // Confirmed by the county, the row is 县级已确认: the school can no longer withdraw it, and the city still waits.
    dataOf(await run(db, confirmSchoolsCommand, { submissionId: submission.id, unitIds: [school.id] }, county));
    expect((await rowOf(db, school.id)).state).toBe("accepted");
    expect(await handIn(db, schoolActor, school.id, withdrawHandInCommand)).toMatchObject({ ok: false, formError: expect.stringContaining("长安区教育局已确认您提交的信息") });

    // The county hands in its rows with the school's; the school can no longer change or withdraw.
    dataOf(await handIn(db, county, changan.id));
    expect((await rowOf(db, school.id)).state).toBe("submitted");
    expect(await handIn(db, schoolActor, school.id, withdrawHandInCommand)).toMatchObject({ ok: false, formError: expect.stringContaining("不能再修改或撤回") });
    const late = await run(db, saveRowCommand, rowInput(submission.id, school.id, { expectedVersion: await entryVersion(db, school.id), schoolCode: school.schoolCode }), schoolActor);
    expect(late).toMatchObject({ ok: false });
    // Nor may the county decide on it any more, handed in.
    expect(await run(db, returnSchoolRowCommand, { submissionId: submission.id, unitId: school.id, reason: "再核对" }, county)).toMatchObject({ ok: false, formError: expect.stringContaining("请先撤回") });

    // The city sees who filled the row, and confirms every row of the county.
    const cityPage = await getWorkspaceForActor({ db, actor: city, submissionId: submission.id, view: FIRST_PAGE });
    const row = cityPage?.table.rows.find((r) => r.unitId === school.id);
    expect(row?.delegation).toMatchObject({ state: "submitted", delegateUnitName: school.name, collectorUnitName: "长安区教育局", collectorHandedIn: true });
    expect(row?.entry?.updatedByUnitName).toBe(school.name);
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [changan.id, school.id, second.id] }, city));
    expect((await rowOf(db, school.id)).state).toBe("confirmed");
    expect(await auditOf(db, "delegation.confirm_schools")).toHaveLength(1);
  });

  it("a city's 退回 of a school's row reopens the school's and its county's hand-in", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools, schoolActors } = await collectingCounty(db);
    const [school, second] = schools;
    dataOf(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [school.id], ...SCHOOL_DEADLINE }, county));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: school.schoolCode }), schoolActors[0]));
    dataOf(await handIn(db, schoolActors[0], school.id));
    // Before the county hands in, the city cannot return it either.
    expect(await run(db, returnRowCommand, { submissionId: submission.id, unitId: school.id, reason: "请核对" }, city)).toMatchObject({ ok: false, formError: expect.stringContaining("长安区教育局尚未提交给市级") });
    dataOf(await run(db, confirmSchoolsCommand, { submissionId: submission.id, unitIds: [school.id] }, county));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { email: "changan@example.com" }), county));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, second.id, { email: "second@example.com", schoolCode: second.schoolCode }), county));
    dataOf(await handIn(db, county, changan.id));

    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: school.id, reason: "请核对电话" }, city));
    expect((await rowOf(db, school.id)).state).toBe("returned");
    expect((await delegationOf(db, school.id)).state).toBe("filling");
    expect((await delegationOf(db, changan.id)).state).toBe("filling");
    // The school fixes it: its county decides again before the city does.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: school.schoolCode, phone: "13900139000", expectedVersion: await entryVersion(db, school.id) }), schoolActors[0]));
    dataOf(await handIn(db, schoolActors[0], school.id));
    expect(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [school.id] }, city)).toMatchObject({ ok: false });
    dataOf(await run(db, confirmSchoolsCommand, { submissionId: submission.id, unitIds: [school.id] }, county));
    dataOf(await handIn(db, county, changan.id));
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [school.id] }, city));
  });

  it("keeps each school to its own row, the schools' deadline within the county's, and lets the county take a row back", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools, schoolActors } = await collectingCounty(db);
    const [school, second] = schools;

    // A deadline after the county's own is refused beside the field.
    expect(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [school.id], deadlineDate: "2025-03-06", deadlineTime: "17:00" }, county)).toMatchObject({
      ok: false,
      fieldErrors: { deadlineDate: expect.stringContaining("不晚于市级规定的本单位截止时间（2025年3月5日 17:00）") },
    });
    // The county's own row, and a row it does not collect (the city's bureau), are not its to hand on.
    expect(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [changan.id], ...SCHOOL_DEADLINE }, county)).toMatchObject({ ok: false, notFound: true });
    expect(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [submission.unitId], ...SCHOOL_DEADLINE }, county)).toMatchObject({ ok: false, notFound: true });
    dataOf(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [school.id, second.id], ...SCHOOL_DEADLINE }, county));

    // One school writing the other's row finds nothing, audited.
    const other = await run(db, saveRowCommand, rowInput(submission.id, second.id, { schoolCode: second.schoolCode }), schoolActors[0]);
    expect(other).toMatchObject({ ok: false, notFound: true });
    expect((await auditOf(db, "roster.save_row")).at(-1)).toMatchObject({ outcome: "denied", userId: schoolActors[0].userId });
    // Nor may the county write a row it handed on: the school holds it.
    expect(await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: school.schoolCode }), county)).toMatchObject({ ok: false, notFound: true });

    // The schools' deadline: not after the county's; the city moving the county's earlier moves theirs too.
    expect(await run(db, setSchoolsDeadlineCommand, { submissionId: submission.id, deadlineDate: "2025-03-06", deadlineTime: "09:00" }, county)).toMatchObject({ ok: false, fieldErrors: { deadlineDate: expect.any(String) } });
    dataOf(await run(db, setSchoolsDeadlineCommand, { submissionId: submission.id, deadlineDate: "2025-03-05", deadlineTime: "12:00" }, county));
    expect((await delegationOf(db, school.id)).deadline).toEqual(new Date("2025-03-05T04:00:00Z"));
    dataOf(await run(db, setDeadlineCommand, { submissionId: submission.id, deadlineDate: "2025-03-05", deadlineTime: "09:00" }, city));
    expect((await delegationOf(db, changan.id)).deadline).toEqual(new Date("2025-03-05T01:00:00Z"));
    expect((await delegationOf(db, second.id)).deadline).toEqual(new Date("2025-03-05T01:00:00Z"));

    // Taken back while unconfirmed, the row is the county's to fill again; the school is told who took it.
    dataOf(await run(db, takeBackFromSchoolsCommand, { submissionId: submission.id, unitIds: [school.id] }, county));
    expect(await rowOf(db, school.id)).toMatchObject({ delegationId: (await delegationOf(db, changan.id)).id, state: "assigned" });
    expect(await delegationOf(db, school.id)).toBeUndefined();
    const takenBack = await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: school.schoolCode }), schoolActors[0]);
    expect(takenBack).toMatchObject({ ok: false, formError: expect.stringContaining("已由长安区教育局") });
    expect(takenBack).toMatchObject({ formError: expect.stringContaining("改由县级填写") });
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: school.schoolCode }), county));

    // A confirmed row cannot be taken back; the county asks the school to fix it by 退回 instead.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, second.id, { schoolCode: second.schoolCode }), schoolActors[1]));
    dataOf(await handIn(db, schoolActors[1], second.id));
    dataOf(await run(db, confirmSchoolsCommand, { submissionId: submission.id, unitIds: [second.id] }, county));
    expect(await run(db, takeBackFromSchoolsCommand, { submissionId: submission.id, unitIds: [second.id] }, county)).toMatchObject({ ok: false, formError: expect.stringContaining("请退回学校") });
    // The city's decisions stay the city's: the county cannot confirm its own row.
    expect(await run(db, confirmSchoolsCommand, { submissionId: submission.id, unitIds: [changan.id] }, county)).toMatchObject({ ok: false, notFound: true });
  });

  it("counts a school's row on the city's panel as its county's, and reminds the school by its county's deadline, naming the county", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools, schoolActors } = await collectingCounty(db);
    const [school] = schools;
    dataOf(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [school.id], ...SCHOOL_DEADLINE }, county));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: school.schoolCode }), schoolActors[0]));
    // Handed in, the school may withdraw until its county decides; then hands in again.
    dataOf(await handIn(db, schoolActors[0], school.id));
    dataOf(await handIn(db, schoolActors[0], school.id, withdrawHandInCommand));
    expect((await rowOf(db, school.id)).state).toBe("assigned");
    dataOf(await handIn(db, schoolActors[0], school.id));

    // The city deals with the county: one delegate, all three rows, none handed in to the city yet.
    const panel = await panelOf(db, submission.id);
    expect(panel.delegates.map((d) => d.unitName)).toEqual(["长安区教育局"]);
    expect(panel.delegates[0]).toMatchObject({ rows: 3, handedIn: 0, takeBack: [changan.id, ...schools.map((s) => s.id)].sort((a, b) => a - b) });

    // The second school, its row handed on, is reminded by the county's deadline for schools, naming the county; the
    // first, handed in, of nothing.
    dataOf(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [schools[1].id], ...SCHOOL_DEADLINE }, county));
    await runReminderTick({ db, now: new Date("2025-03-04T14:00:00+08:00") });
    const reminders = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, schoolActors[1].email));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toMatch(/^【催报提醒】长安区教育局分派的填报：/);
    expect(reminders[0].text).toContain("长安区教育局规定的截止时间：2025年3月4日 17:00（北京时间）");
    expect(reminders[0].text).toContain("「提交给县级」");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, schoolActors[0].email))).toHaveLength(0);

    // The city's 收回 of the county takes its schools' rows back too, and leaves no delegation behind.
    dataOf(await run(db, takeBackCommand, { submissionId: submission.id, unitIds: panel.delegates[0].takeBack }, city));
    expect(await db.$count(delegations)).toBe(0);
  });
});
