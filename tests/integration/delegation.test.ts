import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { delegatedRows, delegations, emailOutbox, rosterEntries, submissionEvents, users } from "@/db/schema";

import {
  assignCommand,
  confirmCommand,
  handInCommand,
  inviteDelegateCommand,
  resendDelegateActivationCommand,
  returnRowCommand,
  setDeadlineCommand,
  takeBackCommand,
  withdrawHandInCommand,
} from "@/lib/delegation/commands";
import { saveRowCommand } from "@/lib/roster/commands";
import { submitCommand } from "@/lib/submissions/commands";
import { getReadinessBySubmission } from "@/lib/submissions/readiness";
import {
  auditOf,
  COUNTY_EMAIL,
  dataOf,
  fillEveryRow,
  freshSeededDatabaseEachTest,
  rowInput,
  run,
  saveHeader,
  submissionById,
  unitByCode,
  uploadScan,
} from "../support/actors";
import { cityAndCounty, DELEGATE_DEADLINE, delegationOf, handIn } from "../support/delegation";

const world = freshSeededDatabaseEachTest();

const DEADLINE = DELEGATE_DEADLINE;

async function rowStates(db: Db, submissionId: number): Promise<Record<number, string>> {
  const rows = await db.select().from(delegatedRows).where(eq(delegatedRows.submissionId, submissionId));
  return Object.fromEntries(rows.map((r) => [r.unitId, r.state]));
}

describe("分派填报", () => {
  it("walks a county collecting its schools from 分派 to the city's 提交: fill, hand in, confirm one, return one, fix, confirm", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await cityAndCounty(db);
    const [school] = schools;

    expect(dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DEADLINE }, city))).toEqual({
      assigned: 1 + schools.length,
    });
    const delegation = await delegationOf(db, changan.id);
    expect(delegation).toMatchObject({ submissionId: submission.id, state: "filling", deadline: new Date("2025-03-05T09:00:00Z") });
    expect(Object.values(await rowStates(db, submission.id))).toEqual(Array(1 + schools.length).fill("assigned"));

    // The county fills its own row and its schools'; handing in with a row empty names it.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { email: "changan@example.com" }), county));
    for (const [i, s] of schools.slice(1).entries()) dataOf(await run(db, saveRowCommand, rowInput(submission.id, s.id, { email: `s${i}@example.com`, schoolCode: s.schoolCode }), county));
    expect(await handIn(db, county, changan.id)).toMatchObject({ ok: false, formError: expect.stringContaining(`「${school.name}」的管理员信息尚未填写`) });
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { email: "school@example.com", schoolCode: school.schoolCode }), county));
    dataOf(await handIn(db, county, changan.id));
    expect(new Set(Object.values(await rowStates(db, submission.id)))).toEqual(new Set(["submitted"]));

    // Handed in, the rows are the city's to decide: the county's save is refused, saying why.
    const locked = await run(db, saveRowCommand, rowInput(submission.id, changan.id, { name: "李四", expectedVersion: 1 }), county);
    expect(locked).toMatchObject({ ok: false, formError: expect.stringContaining("已提交给石家庄市教育局，等待确认") });

    // The city confirms the county's row and returns the school's, with a reason emailed to the county.
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [changan.id] }, city));
    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: school.id, reason: "职务请写全称" }, city));
    expect((await rowStates(db, submission.id))[changan.id]).toBe("confirmed");
    expect((await rowStates(db, submission.id))[school.id]).toBe("returned");
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "delegation_returned"));
    expect(mail).toMatchObject({ toAddress: COUNTY_EMAIL.toLowerCase(), unitId: changan.id });
    expect(mail.text).toContain("职务请写全称");

    // The city's submit waits for every delegated row to be confirmed, and says which.
    await fillEveryRow(db, city, submission.id);
    await saveHeader(db, city, submission.id);
    await uploadScan(db, city, submission.id);
    const waiting = await run(db, submitCommand, { submissionId: submission.id, expectedVersion: (await submissionById(db, submission.id)).version }, city);
    expect(waiting).toMatchObject({ ok: false });
    expect(JSON.stringify(waiting)).toContain(`「${school.name}」`);
    expect((await getReadinessBySubmission({ db, submissionId: submission.id })).unconfirmedCount).toBe(schools.length);

    // The county fixes the returned row and hands it in again; the confirmed row stays confirmed.
    const [entry] = await db.execute<{ version: number }>(sql`select version from roster_entries where unit_id = ${school.id}`);
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { email: "school@example.com", schoolCode: school.schoolCode, position: "信息中心主任（兼）", expectedVersion: entry.version }), county));
    dataOf(await handIn(db, county, changan.id));
    expect((await rowStates(db, submission.id))[changan.id]).toBe("confirmed");
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: schools.map((s) => s.id) }, city));
    // The fix changed the table the scan shows: the city prints and stamps it again.
    await uploadScan(db, city, submission.id);
    dataOf(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: (await submissionById(db, submission.id)).version }, city));

    const events = await db.select({ action: submissionEvents.action }).from(submissionEvents).where(eq(submissionEvents.submissionId, submission.id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["delegation.assigned", "delegation.submitted", "delegation.confirmed", "delegation.returned", "submitted"]));
    expect(await auditOf(db, "delegation.return")).toHaveLength(1);
  });

  it("keeps a delegate to its own rows: another unit's row is not found, a taken-back row says who took it and when", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await cityAndCounty(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: false, ...DEADLINE }, city));

    // A school of 长安区 was not delegated: for the county it does not exist, and the refusal is audited.
    const other = await run(db, saveRowCommand, rowInput(submission.id, schools[0].id, { schoolCode: schools[0].schoolCode }), county);
    expect(other).toMatchObject({ ok: false, notFound: true });
    expect((await auditOf(db, "roster.save_row")).at(-1)).toMatchObject({ outcome: "denied", userId: county.userId });
    // Nor may it take the city's decisions.
    expect(await run(db, takeBackCommand, { submissionId: submission.id, unitIds: [changan.id] }, county)).toMatchObject({ ok: false });

    dataOf(await run(db, takeBackCommand, { submissionId: submission.id, unitIds: [changan.id] }, city));
    expect(await db.$count(delegations)).toBe(0);
    // The county, its page still open, is told who took the row back; with no delegation left it may not write at all.
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id, schools[0].id], collectSchools: false, ...DEADLINE }, city));
    dataOf(await run(db, takeBackCommand, { submissionId: submission.id, unitIds: [changan.id] }, city));
    const takenBack = await run(db, saveRowCommand, rowInput(submission.id, changan.id), county);
    expect(takenBack).toMatchObject({ ok: false, formError: expect.stringMatching(/「长安区教育局」已由石家庄市教育局 .+ 于 2025年3月3日 10:00 收回/) });
  });

  it("refuses a row held by another delegate, a deadline after the campaign's, and a hand-in from a stale page", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await cityAndCounty(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DEADLINE }, city));
    // Again, the same: nothing new. The school on its own, while its county collects it: refused, naming the holder.
    expect(dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DEADLINE }, city))).toEqual({ assigned: 0 });
    expect(await run(db, assignCommand, { submissionId: submission.id, unitIds: [schools[0].id], ...DEADLINE }, city)).toMatchObject({
      ok: false,
      formError: expect.stringContaining(`已分派给长安区教育局`),
    });
    // The city's own bureau row and a unit of another city are not delegable.
    const tangshan = await unitByCode(db, "1302");
    expect(await run(db, assignCommand, { submissionId: submission.id, unitIds: [tangshan.id], ...DEADLINE }, city)).toMatchObject({ ok: false });
    expect(await run(db, assignCommand, { submissionId: submission.id, unitIds: [submission.unitId], ...DEADLINE }, city)).toMatchObject({ ok: false });

    expect(await run(db, setDeadlineCommand, { submissionId: submission.id, deadlineDate: "2025-03-08", deadlineTime: "17:00" }, city)).toMatchObject({
      ok: false,
      fieldErrors: { deadlineDate: expect.stringContaining("不晚于任务截止时间（2025年3月7日 17:00）") },
    });
    dataOf(await run(db, setDeadlineCommand, { submissionId: submission.id, deadlineDate: "2025-03-06", deadlineTime: "12:00" }, city));
    const moved = await delegationOf(db, changan.id);
    expect(moved.deadline).toEqual(new Date("2025-03-06T04:00:00Z"));

    // The county's page saw the delegation before the deadline moved: its hand-in is stale.
    const stale = await run(db, handInCommand, { delegationId: moved.id, expectedVersion: moved.version - 1 }, county);
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("石家庄市教育局刚刚更新了分派情况") });
    // Withdrawing what was never handed in says so.
    expect(await handIn(db, county, changan.id, withdrawHandInCommand)).toMatchObject({ ok: false, formError: "您还没有提交，无需撤回。" });
  });

  it("tells the later of the city and its delegate saving one row who changed it first, and keeps the first save", async () => {
    const { db } = world;
    const { submission, city, county, changan } = await cityAndCounty(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], ...DEADLINE }, city));
    const first = dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { name: "赵志刚" }), county));
    // Both opened the row at that version; the county saves again first, then the city's save arrives stale.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { name: "赵志强", expectedVersion: first.version }), county));
    const late = await run(db, saveRowCommand, rowInput(submission.id, changan.id, { name: "钱多多", expectedVersion: first.version }), city);
    expect(late).toMatchObject({ ok: false, formError: expect.stringMatching(new RegExp(`^「长安区教育局」这一行已被 ${county.name} 于 .+ 修改，您的输入仍保留在页面上`)) });
    // The other way round: the city's edit wins and is its own; the county's stale save names the city's officer.
    const [row] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, changan.id));
    expect(row).toMatchObject({ name: "赵志强", updatedBy: county.userId });
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { name: "钱多多", expectedVersion: row.version }), city));
    const stale = await run(db, saveRowCommand, rowInput(submission.id, changan.id, { name: "孙七", expectedVersion: row.version }), county);
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining(`已被 ${city.name} 于`) });
    expect((await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, changan.id)))[0]).toMatchObject({ name: "钱多多", updatedBy: city.userId });
  });

  it("opens an account for a delegate school without one, sends its activation again, and refuses a unit that has one", async () => {
    const { db } = world;
    const { submission, city, changan, schools } = await cityAndCounty(db);
    const school = schools[0];
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id, school.id], ...DEADLINE }, city));
    const person = { submissionId: submission.id, unitId: school.id, name: "赵 敏", phone: "138 0013 8001", email: "ZhaoMin@Example.com" };

    const { userId } = dataOf(await run(db, inviteDelegateCommand, person, city));
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ email: "zhaomin@example.com", name: "赵敏", phone: "13800138001", role: "school_staff", unitId: school.id, status: "invited", passwordHash: null });
    dataOf(await run(db, resendDelegateActivationCommand, { submissionId: submission.id, unitId: school.id }, city));
    const activations = await db.select().from(emailOutbox).where(and(eq(emailOutbox.kind, "activation"), eq(emailOutbox.userId, userId)));
    expect(activations).toHaveLength(2);
    for (const mail of activations) expect(mail.text).not.toMatch(/密码[:：]/);
    // A delegate is invited to fill, not named its unit's administrator: that is what an approved table does.
    for (const mail of activations) expect(mail.text).toContain(`信息报送平台已为您开通「${school.name}」的账号（学校填报员）`);
    for (const mail of activations) expect(mail.text).not.toContain("系统管理员");

    // Again for the school, or for 长安区 whose officer is active: refused, saying who holds the account.
    expect(await run(db, inviteDelegateCommand, person, city)).toMatchObject({ ok: false, formError: expect.stringContaining("已有填报账号（赵敏，待激活）") });
    expect(await run(db, inviteDelegateCommand, { ...person, unitId: changan.id, email: "new@example.com" }, city)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("已激活"),
    });
    // An email that is already another account's login, and a unit that is no delegate.
    const other = schools[1] ?? (await unitByCode(db, "1302"));
    if (schools[1]) dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [other.id], ...DEADLINE }, city));
    expect(await run(db, inviteDelegateCommand, { ...person, unitId: other.id, email: COUNTY_EMAIL }, city)).toMatchObject({ ok: false });
    const tangshan = await unitByCode(db, "1302");
    expect(await run(db, inviteDelegateCommand, { ...person, unitId: tangshan.id, email: "x@example.com" }, city)).toMatchObject({ ok: false, notFound: true });
  });
});
