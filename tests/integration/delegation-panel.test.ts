import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { emailOutbox, users } from "@/db/schema";

import {
  assignCommand,
  confirmCommand,
  importContactsCommand,
  inviteDelegateCommand,
  previewContactsCommand,
  returnRowCommand,
} from "@/lib/delegation/commands";
import { getFreeSchoolsBySubmission } from "@/lib/delegation/groups";
import type { DelegationPanel } from "@/lib/delegation/queries";
import { urgeCommand } from "@/lib/reminders/commands";
import { saveRowCommand } from "@/lib/roster/commands";
import { COUNTY_EMAIL, dataOf, fileOf, freshSeededDatabaseEachTest, NOW, rowInput, run, tableRowsOf } from "../support/actors";
import { cityAndCounty, DELEGATE_DEADLINE, handIn, panelOf } from "../support/delegation";
import { xlsxFrom } from "../unit/xlsx-fixtures";

const world = freshSeededDatabaseEachTest();
const DEADLINE = DELEGATE_DEADLINE;
const MINUTE = 60_000;

/** The city's table and officer, 长安区 (with its officer) and its schools, and a school elsewhere in the city with no account. */
async function setting(db: Db) {
  const { submission, city, county, changan, schools } = await cityAndCounty(db);
  const [other] = await db.execute<{ id: number; name: string }>(sql`
    select u.id, u.name from units u join units p on p.id = u.reporting_parent_id
    where u.kind = 'school' and u.active and u.reporting_parent_id <> ${changan.id} and (p.id = ${submission.unitId} or p.reporting_parent_id = ${submission.unitId})
      and not exists (select 1 from users a where a.unit_id = u.id)
    order by u.id limit 1`);
  expect(other).toBeDefined();
  return { submission, city, county, changan, schools, other };
}

const delegateOf = async (db: Db, submissionId: number, unitId: number) => (await panelOf(db, submissionId)).delegates.find((d) => d.unitId === unitId);

describe("the city's 分派填报 panel", () => {
  it("lists the counties and schools below the city with their county, and where each delegate stands after 分派, 提交, 确认, 退回", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools, other } = await setting(db);

    const before = await panelOf(db, submission.id);
    // Every county of the table, in its order, is a group, and every school is counted in one.
    const every = await tableRowsOf(db, city, submission.id);
    expect(before.groups.flatMap((g) => (g.county ? [g.county.id] : []))).toEqual(every.filter((r) => r.unitKind === "county_bureau").map((r) => r.unitId));
    expect(before.groups.reduce((n, g) => n + g.freeSchools + g.delegatedSchools, 0)).toBe(every.filter((r) => r.unitKind === "school").length);
    // The counties the panel offers and the schools it loads when a county is opened: the city's own row is neither.
    const free = (county?: number | "direct") => getFreeSchoolsBySubmission({ db, submission, county });
    const ids = async (panel: DelegationPanel) => [...panel.groups.flatMap((g) => (g.county ? [g.county.id] : [])), ...(await free()).map((school) => school.id)];
    expect(await ids(before)).not.toContain(submission.unitId);
    const changanGroup = (panel: DelegationPanel) => panel.groups.find((g) => g.county?.id === changan.id)!;
    expect(changanGroup(before)).toEqual({ county: { id: changan.id, name: changan.name, delegation: null }, freeSchools: schools.length, delegatedSchools: 0 });
    expect(await free(changan.id)).toEqual(schools.map((s) => ({ id: s.id, name: s.name, countyId: changan.id })));
    // The other school hangs under its own county, or with the city's own schools (no county); a search finds it by name.
    const otherGroup = (await free()).find((school) => school.id === other.id)!.countyId ?? "direct";
    expect((await free(otherGroup)).map((school) => school.id)).toContain(other.id);
    expect((await getFreeSchoolsBySubmission({ db, submission, q: other.name })).map((school) => school.id)).toEqual([other.id]);
    expect(before.delegates).toEqual([]);
    expect(before.progress).toEqual({ handedIn: 0, total: 0, pending: [] });

    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id, other.id], collectSchools: true, ...DEADLINE }, city));
    const assigned = await panelOf(db, submission.id);
    // Delegated rows leave the choice: the county's own shows who holds it, its schools are counted.
    expect(changanGroup(assigned)).toEqual({ county: { id: changan.id, name: changan.name, delegation: { delegateUnitName: changan.name, state: "assigned" } }, freeSchools: 0, delegatedSchools: schools.length });
    expect(await ids(assigned)).not.toContain(other.id);
    expect(await free(changan.id)).toEqual([]);
    const rows = 1 + schools.length;
    const [countyUser] = await db.select().from(users).where(eq(users.email, COUNTY_EMAIL));
    expect(assigned.delegates.find((d) => d.unitId === changan.id)).toMatchObject({
      kind: "county_bureau",
      deadline: new Date("2025-03-05T09:00:00Z"),
      state: "filling",
      rows,
      filled: 0,
      handedIn: 0,
      account: { state: countyUser.status === "active" ? "activated" : "invited", name: countyUser.name },
    });
    expect(assigned.delegates.find((d) => d.unitId === other.id)).toMatchObject({ rows: 1, account: { state: "none", name: null, email: null } });
    expect(assigned.progress).toMatchObject({ handedIn: 0, total: 2 });
    expect(assigned.progress.pending.map((p) => p.unitId).sort()).toEqual([changan.id, other.id].sort());

    // The county fills every row and hands them in: it leaves the 未填名单.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { email: "changan@example.com" }), county));
    for (const [i, s] of schools.entries()) dataOf(await run(db, saveRowCommand, rowInput(submission.id, s.id, { email: `s${i}@example.com`, schoolCode: s.schoolCode }), county));
    expect(await delegateOf(db, submission.id, changan.id)).toMatchObject({ filled: rows, handedIn: 0 });
    dataOf(await handIn(db, county, changan.id));
    const handedIn = await panelOf(db, submission.id);
    expect(handedIn.delegates.find((d) => d.unitId === changan.id)).toMatchObject({ state: "submitted", handedIn: rows, submittedAt: NOW, submittedByName: county.name });
    expect(handedIn.progress).toEqual({ handedIn: 1, total: 2, pending: [{ unitId: other.id, unitName: other.name, returned: 0, open: 1 }] });

    // One row confirmed, one returned: the county is back on the list, for its returned row.
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [changan.id] }, city));
    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: schools[0].id, reason: "职务请写全称" }, city));
    const decided = await panelOf(db, submission.id);
    expect(decided.delegates.find((d) => d.unitId === changan.id)).toMatchObject({ handedIn: rows - 1, confirmed: 1, returned: 1 });
    expect(changanGroup(decided).county?.delegation?.state).toBe("confirmed");
    // 收回 gives back what is not confirmed: the returned school and those handed in, not the county's own row.
    expect(decided.delegates.find((d) => d.unitId === changan.id)?.takeBack).toEqual(schools.map((s) => s.id).sort((a, b) => a - b));
    expect(decided.progress.handedIn).toBe(0);
    expect(decided.progress.pending).toContainEqual({ unitId: changan.id, unitName: changan.name, returned: 1, open: 1 });
  });

  it("shows a delegate's invited account as 待激活, and as 邮件发送失败 once its activation email fails or bounces", async () => {
    const { db } = world;
    const { submission, city, other } = await setting(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [other.id], ...DEADLINE }, city));
    const { userId } = dataOf(await run(db, inviteDelegateCommand, { submissionId: submission.id, unitId: other.id, name: "赵敏", phone: "13800138001", email: "zhaomin@example.com" }, city));
    expect((await delegateOf(db, submission.id, other.id))?.account).toEqual({ state: "invited", name: "赵敏", email: "z***@example.com" });

    await db.update(emailOutbox).set({ status: "sent", bouncedAt: NOW }).where(eq(emailOutbox.userId, userId));
    expect((await delegateOf(db, submission.id, other.id))?.account.state).toBe("email_failed");
    await db.update(users).set({ status: "active", passwordHash: "activated" }).where(eq(users.id, userId));
    expect((await delegateOf(db, submission.id, other.id))?.account.state).toBe("activated");
  });
});

describe("导入联系人", () => {
  const HEADINGS = ["单位名称", "姓名", "联系电话", "邮箱"];
  const file = (rows: string[][]) => fileOf(xlsxFrom([{ name: "联系人", rows: [HEADINGS, ...rows] }]), "联系人.xlsx");
  const hashOf = async (f: File) => (await import("node:crypto")).createHash("sha256").update(new Uint8Array(await f.arrayBuffer())).digest("hex");

  async function delegatesWithoutAccounts(db: Db) {
    const s = await setting(db);
    const [second] = await db.execute<{ id: number; name: string }>(sql`
      select u.id, u.name from units u where u.kind = 'school' and u.active and u.reporting_parent_id = ${s.changan.id}
        and not exists (select 1 from users a where a.unit_id = u.id) order by u.id limit 1`);
    dataOf(await run(db, assignCommand, { submissionId: s.submission.id, unitIds: [s.other.id, second.id, s.changan.id], ...DEADLINE }, s.city));
    return { ...s, second };
  }

  const counts = async (db: Db) => ({ users: await db.$count(users), emails: await db.$count(emailOutbox) });

  it("previews, then opens every row's account with its activation email in one go", async () => {
    const { db } = world;
    const { submission, city, other, second } = await delegatesWithoutAccounts(db);
    const contacts = file([
      [other.name, "赵敏", "13800138001", "ZhaoMin@Example.com"],
      [second.name, "钱进", "0311-86001234", "qianjin@example.com"],
    ]);
    const before = await counts(db);
    const preview = dataOf(await run(db, previewContactsCommand, { submissionId: submission.id, file: contacts }, city));
    expect(preview.rows.map((r) => [r.line, r.status, r.errors])).toEqual([
      [2, "new", []],
      [3, "new", []],
    ]);
    expect(await counts(db)).toEqual(before);

    dataOf(await run(db, importContactsCommand, { submissionId: submission.id, file: contacts, fileHash: preview.fileHash }, city));
    const invited = await db.select().from(users).where(eq(users.status, "invited")).orderBy(asc(users.id));
    expect(invited.slice(-2).map((u) => [u.unitId, u.name, u.email, u.role])).toEqual([
      [other.id, "赵敏", "zhaomin@example.com", "school_staff"],
      [second.id, "钱进", "qianjin@example.com", "school_staff"],
    ]);
    const activations = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "activation"));
    expect(activations.map((e) => e.toAddress).sort()).toEqual(["qianjin@example.com", "zhaomin@example.com"]);
    expect((await delegateOf(db, submission.id, second.id))?.account.state).toBe("invited");
  });

  it("lists every wrong row with its line and writes nothing, however many rows are right", async () => {
    const { db } = world;
    const { submission, city, changan, other, second } = await delegatesWithoutAccounts(db);
    const [notDelegated] = await db.execute<{ name: string }>(sql`
      select u.name from units u join units p on p.id = u.reporting_parent_id
      where u.kind = 'school' and u.active and (p.id = ${submission.unitId} or p.reporting_parent_id = ${submission.unitId})
        and not exists (select 1 from delegations d where d.delegate_unit_id = u.id) order by u.id limit 1`);
    const contacts = file([
      [other.name, "赵敏", "13800138001", "zhaomin@example.com"],
      ["不存在的学校", "孙丽", "13800138002", "sunli@example.com"],
      [notDelegated.name, "周杰", "13800138003", "zhoujie@example.com"],
      [changan.name, "吴磊", "13800138004", "wulei@example.com"],
      [second.name, "郑爽", "12345", "dup@example.com"],
      [second.name, "郑爽", "13800138005", "not-an-email"],
    ]);
    const before = await counts(db);
    const preview = dataOf(await run(db, previewContactsCommand, { submissionId: submission.id, file: contacts }, city));
    const errors = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors.join("；")]));
    expect(errors[2]).toBe("");
    expect(errors[3]).toContain("本表中没有「不存在的学校」");
    expect(errors[4]).toContain("没有分派本表的行");
    expect(errors[5]).toContain("已有填报账号");
    expect(errors[6]).toContain("联系电话：");
    expect(errors[6]).toContain("在第 6、7 行重复出现");
    expect(errors[7]).toContain("邮箱：");
    expect(preview.errors[0]).toMatch(/^第 3 行 /);

    const refused = await run(db, importContactsCommand, { submissionId: submission.id, file: contacts, fileHash: preview.fileHash }, city);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("未导入任何内容"), "line.3": expect.stringContaining("第 3 行") } });
    expect(await counts(db)).toEqual(before);

    // An email already in use, and one given twice in the file, are errors too.
    const emails = file([
      [other.name, "赵敏", "13800138001", COUNTY_EMAIL],
      [second.name, "钱进", "13800138002", "same@example.com"],
      [second.name + "（重复）", "钱进", "13800138002", "same@example.com"],
    ]);
    const again = dataOf(await run(db, previewContactsCommand, { submissionId: submission.id, file: emails }, city));
    expect(again.rows[0].errors.join()).toContain("已是「");
    expect(again.rows[1].errors.join()).toContain("在第 3、4 行重复出现");
    expect(await run(db, importContactsCommand, { submissionId: submission.id, file: emails, fileHash: await hashOf(emails) }, city)).toMatchObject({ ok: false });
    expect(await counts(db)).toEqual(before);
  });
});

describe("催填 of a delegate", () => {
  it("emails the delegate about its rows and the city's internal deadline, once an hour, and not once it has handed everything in", async () => {
    const { db } = world;
    const { submission, city, county, changan } = await setting(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], ...DEADLINE }, city));
    const urge = (now: Date) => run(db, urgeCommand, { campaignId: submission.campaignId, unitId: changan.id }, city, now);

    expect(dataOf(await urge(NOW))).toMatchObject({ unitName: changan.name });
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "urge"));
    expect(email).toMatchObject({ toAddress: COUNTY_EMAIL, unitId: changan.id });
    expect(email.subject).toMatch(/^【催填】/);
    expect(email.text).toContain(`石家庄市教育局分派给${changan.name}填写的`);
    expect(email.text).toContain("还有 1 个单位的管理员信息未填写");
    expect(email.text).toContain("2025年3月5日 17:00");

    expect(await urge(new Date(NOW.getTime() + 59 * MINUTE))).toMatchObject({ ok: false, formError: expect.stringContaining("1 小时内只能催报一次") });
    expect(await db.$count(emailOutbox, eq(emailOutbox.kind, "urge"))).toBe(1);

    // Filled is not enough: until the rows are handed in, the county may still be urged.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { email: "changan@example.com" }), county));
    dataOf(await urge(new Date(NOW.getTime() + 60 * MINUTE)));
    dataOf(await handIn(db, county, changan.id));
    expect(await urge(new Date(NOW.getTime() + 3 * 60 * MINUTE))).toMatchObject({ ok: false, formError: `「${changan.name}」已将分派的各行提交给市级，无需催填。` });
  });
});
