import { and, eq, sql } from "drizzle-orm";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaignAssignments, campaigns, emailOutbox, rosterEntries, submissionEvents, submissions, users, userSessions } from "@/db/schema";
import { PROVINCE_CODE } from "@/db/seed";
import { resendActivationCommand } from "@/lib/accounts/commands";
import { ACCOUNT_LIST_TITLE, accountListExport } from "@/lib/accounts/export";
import { LINK_MESSAGES, setPasswordWithToken } from "@/lib/accounts/set-password";
import type { Actor } from "@/lib/core/actor";
import { DENIED_MESSAGE } from "@/lib/core/errors";
import { saveHeaderCommand, saveRowCommand, uploadScanCommand } from "@/lib/roster/commands";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { approveCommand, openReviewCommand, returnCommand } from "@/lib/review/commands";
import { SELF_REVIEW_MESSAGE } from "@/lib/review/guard";
import { getIssuedAccountsBySubmission, getReviewForActor, getReviewQueueByCampaign } from "@/lib/review/queries";
import { submitCommand, withdrawCommand } from "@/lib/submissions/commands";
import { formatDateTime } from "@/lib/time";
import { actorFor, auditOf, dataOf, fileOf, FIRST_PAGE, freshSeededDatabaseEachTest, NOW, PDF_BYTES, REVIEWER_EMAIL, rowInput, run, submissionById, submissionOf, tableRowsOf, TANGSHAN, unitByCode } from "../support/actors";
import { tokenOf } from "../support/mail";

const world = freshSeededDatabaseEachTest();
const MINUTE = 60 * 1000;
/** 辛集市: a city-level unit whose table has three rows (its bureau and two schools). */
const XINJI = "130181";
/** 定州市: like 辛集, a bureau and two schools. */
const DINGZHOU = "130682";
/** A province-affiliated school: a table of one row. */
const JIDIAN = "3613000001";
const XINJI_EMAIL = "xinji@test.baosong.cn";
const SECOND_REVIEWER_EMAIL = "reviewer2@test.baosong.cn";

async function addUser(db: Db, email: string, name: string, role: Actor["role"], unitCode: string): Promise<Actor> {
  const unit = await unitByCode(db, unitCode);
  await db.insert(users).values({ email, name, role, unitId: unit.id, status: "active", passwordHash: "x" });
  return actorFor(db, email);
}

/** 辛集's table, filled (row i's administrator is admin{i}@xinji.example.com unless `emails` says otherwise), signed and submitted. */
async function submitXinji(db: Db, { submissionId, emails = [] }: { submissionId?: number; emails?: string[] } = {}) {
  const filler = (await db.$count(users, eq(users.email, XINJI_EMAIL))) ? await actorFor(db, XINJI_EMAIL) : await addUser(db, XINJI_EMAIL, "马丽", "city_officer", XINJI);
  const id = submissionId ?? (await submissionOf(db, XINJI)).id;
  const rows = (await getWorkspaceForActor({ db, actor: filler, submissionId: id, view: FIRST_PAGE }))!.table.rows;
  for (const [i, row] of rows.entries()) {
    const schoolCode = row.registrySchoolCode ?? "";
    const email = emails[i] ?? `admin${i}@xinji.example.com`;
    dataOf(await run(db, saveRowCommand, rowInput(id, row.unitId, { email, phone: `1380013810${i}`, schoolCode, expectedVersion: row.entry?.version ?? null }), filler));
  }
  let { version } = await submissionById(db, id);
  version = dataOf(await run(db, saveHeaderCommand, { submissionId: id, expectedVersion: version, fillerName: "马丽", fillerPhone: "0311-66005705" }, filler)).version;
  version = dataOf(await run(db, uploadScanCommand, { submissionId: id, expectedVersion: version, file: fileOf(PDF_BYTES, "盖章表.pdf") }, filler)).version;
  version = dataOf(await run(db, submitCommand, { submissionId: id, expectedVersion: version }, filler)).version;
  return { id, version, filler, rows };
}

async function opened(db: Db, reviewer: Actor, submissionId: number) {
  const { version } = await submissionById(db, submissionId);
  return dataOf(await run(db, openReviewCommand, { submissionId, expectedVersion: version }, reviewer)).version;
}

/** Resolves once some connection to this database waits for a lock (another transaction's uncommitted row). */
async function untilWaitingOnLock(db: Db): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const [row] = await db.execute<{ waiting: number }>(sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (row.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("no transaction began waiting on a lock");
}

const entriesOf = (db: Db, submissionId: number) => db.select().from(rosterEntries).where(eq(rosterEntries.submissionId, submissionId)).orderBy(rosterEntries.unitId);

describe("opening a review", () => {
  it("is an explicit action: looking at the submission does not stop the unit withdrawing, 「开始审核」 does", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, version, filler } = await submitXinji(db);
    expect(await submissionById(db, id)).toMatchObject({ status: "submitted", submittedAt: NOW });

    const review = await getReviewForActor({ db, actor: reviewer, submissionId: id });
    expect(review).toMatchObject({ canOpen: true, canDecide: false, round: 1, changes: null });
    expect((await submissionById(db, id)).reviewOpenedAt).toBeNull();

    // Deciding needs 「开始审核」 first.
    expect(await run(db, approveCommand, { submissionId: id, expectedVersion: version }, reviewer)).toEqual({ ok: false, formError: "请先点击「开始审核」，再通过或退回。" });

    const after = await opened(db, reviewer, id);
    expect(after).toBe(version + 1);
    expect(await submissionById(db, id)).toMatchObject({ reviewOpenedAt: NOW, updatedBy: reviewer.userId });
    const withdraw = await run(db, withdrawCommand, { submissionId: id, expectedVersion: after }, filler);
    expect(withdraw).toEqual({ ok: false, formError: "省级审核员已开始审核，不能撤回。如需修改，请联系审核员退回。" });
    expect(await auditOf(db, "review.open")).toMatchObject([{ outcome: "success", userId: reviewer.userId, targetId: String(id) }]);
    expect(await db.$count(submissionEvents, and(eq(submissionEvents.submissionId, id), eq(submissionEvents.action, "review.opened")))).toBe(1);
  });
});

describe("approve", () => {
  it("approves and issues every row's account, with its activation email, in the same transaction", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, rows } = await submitXinji(db);
    const version = await opened(db, reviewer, id);

    const result = dataOf(await run(db, approveCommand, { submissionId: id, expectedVersion: version }, reviewer));
    expect(result).toEqual({ version: version + 1, accounts: { issued: 3, kept: 0, replaced: 0 } });
    expect(await submissionById(db, id)).toMatchObject({ status: "approved", updatedBy: reviewer.userId });

    const entries = await entriesOf(db, id);
    const issued = await db.select().from(users).where(sql`${users.email} like '%@xinji.example.com'`).orderBy(users.email);
    expect(issued.map((u) => [u.email, u.role, u.status])).toEqual([
      ["admin0@xinji.example.com", "city_officer", "invited"],
      ["admin1@xinji.example.com", "school_staff", "invited"],
      ["admin2@xinji.example.com", "school_staff", "invited"],
    ]);
    expect(issued.every((u) => u.passwordHash === null)).toBe(true);
    expect(entries.map((e) => e.issuedUserId).sort()).toEqual(issued.map((u) => u.id).sort());
    for (const user of issued) expect(user.unitId).toBe(entries.find((e) => e.issuedUserId === user.id)!.unitId);
    expect(rows.map((r) => r.unitKind)).toEqual(["city_bureau", "school", "school"]);

    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "activation"));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(issued.map((u) => u.email));
    for (const mail of mails) expect(mail.text).toMatch(/您已被确定为「.+」的系统管理员，省级系统已为您开通账号/);

    // One transaction: the approval, the accounts, the emails, the events and the audit rows.
    const xmin = async (table: string, rowId: number) => (await db.execute<{ x: string }>(sql`select xmin::text as x from ${sql.identifier(table)} where id = ${rowId}`))[0].x;
    const approvedXmin = await xmin("submissions", id);
    expect(await xmin("users", issued[0].id)).toBe(approvedXmin);
    expect(await xmin("email_outbox", mails[0].id)).toBe(approvedXmin);
    const [audit] = await auditOf(db, "review.approve");
    expect(audit).toMatchObject({ outcome: "success", userId: reviewer.userId, targetId: String(id) });
    expect(await xmin("audit_log", audit.id)).toBe(approvedXmin);
    // Each issued account's audit row carries the reviewer's address, as the approval's own row does.
    expect((await auditOf(db, "account.issue")).map((a) => a.ip)).toEqual(Array(3).fill(audit.ip));
    expect(audit.ip).toBe("127.0.0.1");
    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["approved", "account.issued"]));

    // The filler hears of it in the same transaction: by whom and when, the accounts, a link; never a password. Issued accounts are not yet active: not told.
    const [approved, ...more] = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "submission_approved"));
    expect(more).toHaveLength(0);
    expect(approved).toMatchObject({ toAddress: XINJI_EMAIL, unitId: (await unitByCode(db, XINJI)).id, linkSecret: null });
    expect(await xmin("email_outbox", approved.id)).toBe(approvedXmin);
    expect(approved.subject).toBe("【报送通过】关于做好全国中等职业学校管理信息系统应用准备工作的通知");
    expect(approved.text).toContain("马丽同志：");
    expect(approved.text).toContain(`辛集市教育局报送的《关于做好全国中等职业学校管理信息系统应用准备工作的通知》（冀教办函〔2021〕26号）已由 河北省教育厅 ${reviewer.name} 于 ${formatDateTime(NOW)} 审核通过。`);
    expect(approved.text).toContain("表中 3 个单位的管理员账号正在开通，尚未激活的管理员将收到激活邮件");
    expect(approved.text).toContain(`/submissions/${id}`);
    expect(approved.text).not.toMatch(/密码|token=/);
  });

  it("an approval that fails issues nothing: an email already used by another unit's account", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id } = await submitXinji(db);
    const [firstSchool] = (await entriesOf(db, id)).slice(1);
    // A reviewer sees the clash among the flags before deciding…
    await db.update(rosterEntries).set({ email: "changan@demo.baosong.cn" }).where(eq(rosterEntries.id, firstSchool.id));
    const review = await getReviewForActor({ db, actor: reviewer, submissionId: id });
    expect(review!.duplicates.get(firstSchool.unitId)?.account).toEqual(["长安区教育局"]);

    const version = await opened(db, reviewer, id);
    const usersBefore = await db.$count(users);
    const result = await run(db, approveCommand, { submissionId: id, expectedVersion: version }, reviewer);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.formError).toContain("changan@demo.baosong.cn 已是其他单位的账号");

    expect(await submissionById(db, id)).toMatchObject({ status: "submitted", version });
    expect(await db.$count(users)).toBe(usersBefore);
    expect(await db.$count(emailOutbox)).toBe(0);
    expect((await entriesOf(db, id)).every((e) => e.issuedUserId === null)).toBe(true);
    expect(await auditOf(db, "account.issue")).toHaveLength(0);
    expect(await auditOf(db, "review.approve")).toMatchObject([{ outcome: "rejected" }]);
  });

  it("an email another transaction takes while the approval runs: refused naming the unit and what to do, nothing issued", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, rows } = await submitXinji(db);
    const version = await opened(db, reviewer, id);
    const taken = "admin1@xinji.example.com";
    const tangshan = await unitByCode(db, TANGSHAN);
    const usersBefore = await db.$count(users);

    // An invitation at 唐山 names the same email and commits only once the approval waits on it.
    let inserted!: () => void;
    let commit!: () => void;
    const invitationInserted = new Promise<void>((resolve) => (inserted = resolve));
    const invitation = db.transaction(async (tx) => {
      await tx.insert(users).values({ email: taken, name: "周强", role: "city_officer", unitId: tangshan.id, status: "invited" });
      inserted();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await invitationInserted;
    const approval = run(db, approveCommand, { submissionId: id, expectedVersion: version }, reviewer);
    await untilWaitingOnLock(db);
    commit();
    await invitation;

    expect(await approval).toEqual({
      ok: false,
      formError: `「${rows[1].unitName}」的管理员邮箱 ${taken} 刚刚已被另一项审核或邀请开通为平台账号，本次审核未保存任何内容。请刷新页面，核对该邮箱的归属后重新审核。`,
    });
    expect(await submissionById(db, id)).toMatchObject({ status: "submitted", version });
    expect(await db.$count(users)).toBe(usersBefore + 1);
    expect(await db.$count(emailOutbox)).toBe(0);
    expect((await entriesOf(db, id)).every((e) => e.issuedUserId === null)).toBe(true);
    expect(await auditOf(db, "review.approve")).toMatchObject([{ outcome: "rejected", detail: { reason: "email_taken_meanwhile", email: taken } }]);
  });

  it("a reviewer cannot review their own unit's submission", async () => {
    const { db } = world;
    const { id } = await submitXinji(db);
    const own = await addUser(db, "xinji-reviewer@test.baosong.cn", "韩梅", "province_reviewer", XINJI);
    const { version } = await submissionById(db, id);

    expect(await run(db, openReviewCommand, { submissionId: id, expectedVersion: version }, own)).toEqual({ ok: false, formError: SELF_REVIEW_MESSAGE });
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const after = await opened(db, reviewer, id);
    expect(await run(db, approveCommand, { submissionId: id, expectedVersion: after }, own)).toEqual({ ok: false, formError: SELF_REVIEW_MESSAGE });
    expect(await run(db, returnCommand, { submissionId: id, expectedVersion: after, reason: "请核对" }, own)).toEqual({ ok: false, formError: SELF_REVIEW_MESSAGE });
    expect(await submissionById(db, id)).toMatchObject({ status: "submitted", version: after });
    expect(await getReviewForActor({ db, actor: own, submissionId: id })).toMatchObject({ ownUnit: true, canOpen: false, canDecide: false });
    expect(await auditOf(db, "review.approve")).toMatchObject([{ outcome: "denied" }]);
  });

  it("two reviewers at once: one wins, the other is told who did what, nothing is applied twice", async () => {
    const { db } = world;
    const zhang = await actorFor(db, REVIEWER_EMAIL);
    const li = await addUser(db, SECOND_REVIEWER_EMAIL, "李强", "province_reviewer", "13");
    const { id } = await submitXinji(db);
    const version = await opened(db, zhang, id);

    const [a, b] = await Promise.all([
      run(db, approveCommand, { submissionId: id, expectedVersion: version }, zhang),
      run(db, returnCommand, { submissionId: id, expectedVersion: version, reason: "请核对学校标识码" }, li),
    ]);
    const [winner, loser] = a.ok ? [zhang, b] : [li, a];
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    const words = winner === zhang ? "审核通过" : "退回";
    expect(loser).toEqual({ ok: false, formError: `该报送已由 省级审核员 ${winner.name} 于 ${formatDateTime(NOW)} ${words}，您的操作未执行。请刷新页面查看最新状态。` });
    expect(await submissionById(db, id)).toMatchObject({ version: version + 1, updatedBy: winner.userId });
    const decisions = await db.$count(submissionEvents, and(eq(submissionEvents.submissionId, id), sql`${submissionEvents.action} in ('approved', 'returned')`));
    expect(decisions).toBe(1);
    expect(await db.$count(emailOutbox, eq(emailOutbox.kind, "activation"))).toBe(winner === zhang ? 3 : 0);
    const decisionMails = await db.select().from(emailOutbox).where(sql`${emailOutbox.kind} in ('submission_approved', 'submission_returned')`);
    expect(decisionMails.map((m) => m.kind)).toEqual([winner === zhang ? "submission_approved" : "submission_returned"]);
  });

  it("the same approval twice (a double click) issues the accounts once", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id } = await submitXinji(db);
    const version = await opened(db, reviewer, id);
    const results = await Promise.all([1, 2].map(() => run(db, approveCommand, { submissionId: id, expectedVersion: version }, reviewer)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.$count(emailOutbox, eq(emailOutbox.kind, "activation"))).toBe(3);
    expect(await db.$count(emailOutbox, eq(emailOutbox.kind, "submission_approved"))).toBe(1);
    expect(await db.$count(users, sql`${users.email} like '%@xinji.example.com'`)).toBe(3);
  });
});

describe("return and resubmit", () => {
  it("returns with an overall reason and row reasons; the unit sees them; a resubmission shows only what changed", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, filler, rows } = await submitXinji(db);
    const school = rows[1];
    let version = await opened(db, reviewer, id);

    const empty = await run(db, returnCommand, { submissionId: id, expectedVersion: version, reason: "  " }, reviewer);
    expect(empty).toEqual({ ok: false, fieldErrors: { reason: "请填写退回原因，报送单位将按此修改" } });

    version = dataOf(
      await run(db, returnCommand, { submissionId: id, expectedVersion: version, reason: "有一所学校的联系电话有误", rowReasons: [{ unitId: school.unitId, reason: "联系电话不是本人手机" }, { unitId: rows[2].unitId, reason: "" }] }, reviewer),
    ).version;
    expect(await submissionById(db, id)).toMatchObject({ status: "returned", returnReason: "有一所学校的联系电话有误" });
    const workspace = (await getWorkspaceForActor({ db, actor: filler, submissionId: id, view: FIRST_PAGE }))!;
    expect(workspace.submission.returnReason).toBe("有一所学校的联系电话有误");
    expect(workspace.table.rows.map((r) => r.entry?.returnReason ?? null)).toEqual([null, "联系电话不是本人手机", null]);
    expect(workspace.canEdit).toBe(true);
    const [returned] = await db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, id), eq(submissionEvents.action, "returned")));
    expect(returned.detail).toEqual({ reason: "有一所学校的联系电话有误", rowReasons: [{ unitId: school.unitId, unitName: school.unitName, reason: "联系电话不是本人手机" }], requireNewScan: false });
    expect((await auditOf(db, "review.return")).map((a) => a.outcome)).toEqual(["rejected", "success"]);

    // The filler is emailed who returned it and when, the reasons, what to do and a link.
    const [mail, ...more] = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "submission_returned"));
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ toAddress: XINJI_EMAIL, userId: filler.userId, unitId: filler.unitId });
    expect(mail.subject).toBe("【报送退回】关于做好全国中等职业学校管理信息系统应用准备工作的通知：请修改后重新提交");
    expect(mail.text).toContain(`已由 河北省教育厅 ${reviewer.name} 于 ${formatDateTime(NOW)} 退回。`);
    expect(mail.text).toContain("退回原因：有一所学校的联系电话有误");
    expect(mail.text).toContain(`需修改的行：「${school.unitName}」联系电话不是本人手机。`);
    expect(mail.text).toContain("请按退回原因修改后重新提交。表格有修改的，须重新打印盖章并上传扫描件。");
    expect(mail.text).toContain("任务截止时间：2025年3月7日 17:00（北京时间）");
    expect(mail.text).toContain(`/submissions/${id}`);
    expect(mail.text).not.toContain("密码");

    // The unit fixes the row and submits again.
    const later = new Date(NOW.getTime() + 30 * MINUTE);
    const entry = workspace.table.rows[1].entry!;
    dataOf(await run(db, saveRowCommand, rowInput(id, school.unitId, { email: "admin1@xinji.example.com", phone: "13900139001", schoolCode: school.registrySchoolCode, expectedVersion: entry.version }), filler, later));
    // The changed table needs a new stamped scan.
    version = (await submissionById(db, id)).version;
    version = dataOf(await run(db, uploadScanCommand, { submissionId: id, expectedVersion: version, file: fileOf(PDF_BYTES, "盖章表（修改后）.pdf") }, filler, later)).version;
    dataOf(await run(db, submitCommand, { submissionId: id, expectedVersion: version }, filler, later));
    expect(await submissionById(db, id)).toMatchObject({ status: "submitted", returnReason: null, reviewOpenedAt: null });
    expect((await entriesOf(db, id)).every((e) => e.returnReason === null)).toBe(true);

    const review = (await getReviewForActor({ db, actor: reviewer, submissionId: id }))!;
    expect(review.round).toBe(2);
    // The reviewer reads the change masked, as every phone of another unit.
    expect(review.changes).toEqual([
      { unitId: school.unitId, unitName: school.unitName, kind: "changed", fields: [{ field: "phone", before: "138****8101", after: "139****9001" }] },
    ]);
    expect(review.lastReturn).toMatchObject({ reason: "有一所学校的联系电话有误", rowReasons: [{ unitId: school.unitId, reason: "联系电话不是本人手机" }], actorName: reviewer.name });
    expect(review.canOpen).toBe(true);
  });

  it("a return asking for a new scan refuses 「提交」 until one is uploaded, though nothing else changed", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, filler } = await submitXinji(db);
    const version = await opened(db, reviewer, id);
    const later = new Date(NOW.getTime() + 30 * MINUTE);
    dataOf(await run(db, returnCommand, { submissionId: id, expectedVersion: version, reason: "扫描件未加盖公章", requireNewScan: true }, reviewer, later));
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "submission_returned"));
    expect(mail.text).toContain(`于 ${formatDateTime(later)} 退回。`);
    expect(mail.text).toContain("审核员要求重新上传盖章扫描件");
    expect(mail.text).not.toContain("需修改的行");
    expect((await getWorkspaceForActor({ db, actor: filler, submissionId: id, view: FIRST_PAGE }))!.readiness.scan).toBe("rejected");

    const resubmit = async () => run(db, submitCommand, { submissionId: id, expectedVersion: (await submissionById(db, id)).version }, filler, later);
    expect(await resubmit()).toEqual({ ok: false, formError: "暂不能提交：审核员退回时要求重新上传盖章扫描件，请重新打印盖章上传。" });
    expect(await submissionById(db, id)).toMatchObject({ status: "returned" });

    // The same file again is not a new scan.
    const upload = async (name: string) =>
      run(db, uploadScanCommand, { submissionId: id, expectedVersion: (await submissionById(db, id)).version, file: fileOf(PDF_BYTES, name) }, filler, later);
    dataOf(await upload("盖章表.pdf"));
    expect((await getWorkspaceForActor({ db, actor: filler, submissionId: id, view: FIRST_PAGE }))!.readiness.scan).toBe("current");
    expect(await db.$count(submissionEvents, and(eq(submissionEvents.submissionId, id), eq(submissionEvents.action, "scan.uploaded")))).toBe(2);
    expect(dataOf(await resubmit())).toMatchObject({ late: false });
  });

  it("the unit's 「撤回」 after the reviewer's 「通过」 is told who approved and when, and changes nothing", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, version: loaded, filler } = await submitXinji(db);
    const openedAt = new Date(NOW.getTime() + 10 * MINUTE);
    const opened = dataOf(await run(db, openReviewCommand, { submissionId: id, expectedVersion: loaded }, reviewer, openedAt)).version;
    const withdraw = () => run(db, withdrawCommand, { submissionId: id, expectedVersion: loaded }, filler, new Date(NOW.getTime() + 40 * MINUTE));

    expect(await withdraw()).toEqual({ ok: false, formError: `该报送已由 省级审核员 ${reviewer.name} 于 ${formatDateTime(openedAt)} 开始审核，您的操作未执行。请刷新页面查看最新状态。` });
    const approvedAt = new Date(NOW.getTime() + 20 * MINUTE);
    dataOf(await run(db, approveCommand, { submissionId: id, expectedVersion: opened }, reviewer, approvedAt));
    const before = await submissionById(db, id);
    expect(await withdraw()).toEqual({ ok: false, formError: `该报送已由 省级审核员 ${reviewer.name} 于 ${formatDateTime(approvedAt)} 审核通过，您的操作未执行。请刷新页面查看最新状态。` });
    expect(await submissionById(db, id)).toEqual(before);
    expect(await db.$count(submissionEvents, eq(submissionEvents.action, "withdrawn"))).toBe(0);
  });

  it("a province administrator reads the review but cannot decide", async () => {
    const { db } = world;
    const admin = await actorFor(db, "admin@demo.baosong.cn");
    const { id, version } = await submitXinji(db);
    expect(await getReviewForActor({ db, actor: admin, submissionId: id })).toMatchObject({ canOpen: false, canDecide: false });
    expect(await run(db, openReviewCommand, { submissionId: id, expectedVersion: version }, admin)).toEqual({ ok: false, formError: DENIED_MESSAGE });
  });
});

describe("review queue", () => {
  it("lists submissions that reached the province with rows, flags and lateness, filtered by status, unit and lateness", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id } = await submitXinji(db);
    // A second row with the same phone as the first: two flags (one on each row).
    const [first, second] = await entriesOf(db, id);
    await db.update(rosterEntries).set({ phone: first.phone }).where(eq(rosterEntries.id, second.id));
    const campaignId = (await submissionById(db, id)).campaignId;

    const review = (await getReviewForActor({ db, actor: reviewer, submissionId: id }))!;
    expect(review.duplicates.get(second.unitId)).toEqual({ email: [], phone: ["辛集市教育局"], account: [] });

    const queue = await getReviewQueueByCampaign({ db, actor: reviewer, campaignId, filter: { order: "asc" } });
    expect(queue).toMatchObject([{ id, unitName: "辛集市教育局", status: "submitted", submittedAt: NOW, late: false, rows: 3, flags: 2, ownUnit: false }]);
    const xinji = await unitByCode(db, XINJI);
    expect(await getReviewQueueByCampaign({ db, actor: reviewer, campaignId, filter: { order: "asc", status: "approved" } })).toEqual([]);
    expect(await getReviewQueueByCampaign({ db, actor: reviewer, campaignId, filter: { order: "asc", late: true } })).toEqual([]);
    expect(await getReviewQueueByCampaign({ db, actor: reviewer, campaignId, filter: { order: "asc", reportingUnitId: xinji.id + 1 } })).toEqual([]);
    expect(await getReviewQueueByCampaign({ db, actor: reviewer, campaignId, filter: { order: "desc", reportingUnitId: xinji.id, status: "submitted", late: false } })).toHaveLength(1);
  });

  it("counts every queued table's flags at once: duplicates across tables, school codes, missing rows", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const campaignId = (await submissionOf(db, XINJI)).campaignId;
    /** Writes a unit's row straight into the table of the reporting unit `reporting`. */
    const put = async (reporting: string, unitCode: string, row: { phone: string; email: string; schoolCode?: string }) => {
      const [submission, unit] = [await submissionOf(db, reporting), await unitByCode(db, unitCode)];
      await db.insert(rosterEntries).values({ campaignId, submissionId: submission.id, unitId: unit.id, name: "王伟", position: "主任", schoolCode: null, ...row });
    };
    // 辛集: its first school shares a phone with 定州's bureau, its second an email with a row in 唐山's unsubmitted table.
    await put(XINJI, XINJI, { phone: "13800000001", email: "a@xinji.example.com" });
    await put(XINJI, "3613130001", { phone: "13800000002", email: "b@xinji.example.com", schoolCode: "3613130001" });
    await put(XINJI, "3613130002", { phone: "13800000003", email: "shared@example.com", schoolCode: "3613130002" });
    await put(TANGSHAN, TANGSHAN, { phone: "13800000009", email: "shared@example.com" });
    // 定州: the shared phone (1), a school code of another category that differs from the registry's (2), a school with no row (1).
    await put(DINGZHOU, DINGZHOU, { phone: "13800000002", email: "a@dingzhou.example.com" });
    await put(DINGZHOU, "3613120001", { phone: "13800000004", email: "b@dingzhou.example.com", schoolCode: "2113120001" });
    // A province-affiliated school: another province's digits, and not the registry's code (2).
    await put(JIDIAN, JIDIAN, { phone: "13800000005", email: "jidian@example.com", schoolCode: "3611000001" });
    const queued = [XINJI, DINGZHOU, JIDIAN, "1303"];
    for (const code of queued) await db.update(submissions).set({ status: "submitted", submittedAt: NOW }).where(eq(submissions.id, (await submissionOf(db, code)).id));

    const queue = await getReviewQueueByCampaign({ db, actor: reviewer, campaignId, filter: { order: "asc" } });
    const flags = Object.fromEntries(queue.map((q) => [q.unitName, [q.rows, q.flags]]));
    // 秦皇岛 (1303) has no rows: each of its units is a flag.
    const qinhuangdao = (await getReviewForActor({ db, actor: reviewer, submissionId: (await submissionOf(db, "1303")).id }))!.whole.total;
    expect(flags).toEqual({ 辛集市教育局: [3, 2], 定州市教育局: [2, 4], 河北省示例机电工程学校: [1, 2], 秦皇岛市教育局: [0, qinhuangdao] });
    // The same count the review page gives, and the warnings of every row as the table lists them.
    for (const item of queue) {
      const warnings = (await tableRowsOf(db, reviewer, item.id)).reduce((n, r) => n + (r.entry ? r.warnings.length : 1), 0);
      expect((await getReviewForActor({ db, actor: reviewer, submissionId: item.id }))!.whole.flags).toBe(item.flags);
      expect(item.flags).toBe(warnings);
    }
  });

  it("is not for filling roles", async () => {
    const { db } = world;
    const city = await actorFor(db, "shijiazhuang@demo.baosong.cn");
    const [{ campaignId }] = await db.select({ campaignId: submissions.campaignId }).from(submissions).limit(1);
    await expect(getReviewQueueByCampaign({ db, actor: city, campaignId, filter: { order: "asc" } })).rejects.toThrow();
  });
});

/** A later campaign that 辛集 reports for again: its own submission, empty. */
async function laterCampaignFor(db: Db, unitCode: string): Promise<number> {
  const unit = await unitByCode(db, unitCode);
  const deadline = new Date(NOW.getTime() + 10 * 24 * 60 * MINUTE);
  const [campaign] = await db.insert(campaigns).values({ title: "系统管理员信息更新", docNumber: "冀教办函〔2022〕3号", issuer: "河北省教育厅办公室", body: "更新", ownerUnitId: (await unitByCode(db, PROVINCE_CODE)).id, deadline, status: "published", publishedAt: NOW }).returning();
  const [assignment] = await db.insert(campaignAssignments).values({ campaignId: campaign.id, unitId: unit.id }).returning();
  const [submission] = await db.insert(submissions).values({ assignmentId: assignment.id, campaignId: campaign.id, unitId: unit.id }).returning();
  return submission.id;
}

async function approve(db: Db, reviewer: Actor, submissionId: number) {
  const version = await opened(db, reviewer, submissionId);
  return dataOf(await run(db, approveCommand, { submissionId, expectedVersion: version }, reviewer));
}

const userOf = async (db: Db, email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];

describe("account issuance", () => {
  it("a changed administrator: the old account is disabled and signed out, the new one issued; unchanged ones keep theirs", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const first = await submitXinji(db);
    await approve(db, reviewer, first.id);
    const kept = await userOf(db, "admin0@xinji.example.com");
    const replaced = await userOf(db, "admin1@xinji.example.com");
    await db.insert(userSessions).values({ userId: replaced.id, createdAt: NOW, lastSeenAt: NOW });
    const mailsBefore = await db.$count(emailOutbox);

    const later = await laterCampaignFor(db, XINJI);
    await submitXinji(db, { submissionId: later, emails: ["admin0@xinji.example.com", "new-admin1@xinji.example.com", "admin2@xinji.example.com"] });
    expect((await approve(db, reviewer, later)).accounts).toEqual({ issued: 1, kept: 2, replaced: 1 });

    expect((await userOf(db, "admin1@xinji.example.com")).status).toBe("disabled");
    const sessions = await db.select().from(userSessions).where(eq(userSessions.userId, replaced.id));
    expect(sessions.map((x) => x.endReason)).toEqual(["account_disabled"]);
    const successor = await userOf(db, "new-admin1@xinji.example.com");
    expect(successor).toMatchObject({ status: "invited", unitId: replaced.unitId, role: "school_staff" });
    expect(await userOf(db, "admin0@xinji.example.com")).toEqual(kept);

    const newMails = (await db.select().from(emailOutbox).orderBy(emailOutbox.id)).slice(mailsBefore);
    expect(newMails.map((m) => [m.kind, m.toAddress])).toEqual([
      ["activation", "new-admin1@xinji.example.com"],
      ["submission_approved", XINJI_EMAIL],
    ]);
    expect(newMails[1].text).toContain("表中 1 个单位的管理员账号正在开通");
    expect(newMails[1].text).toContain("2 个单位的管理员与上次报送相同，继续使用原账号。");
    expect(newMails[1].text).toContain("1 个单位更换了管理员，原管理员的账号已停用。");
    const laterEntries = await entriesOf(db, later);
    expect(laterEntries.map((e) => e.issuedUserId)).toEqual([kept.id, successor.id, (await userOf(db, "admin2@xinji.example.com")).id]);
    expect(await auditOf(db, "account.disable")).toMatchObject([{ outcome: "success", targetId: String(replaced.id), detail: { reason: "administrator_replaced" } }]);
  });

  it("a person who already has an account at the unit keeps it: no second account, an email only to whom is invited", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const xinjiSchool = await unitByCode(db, "3613130002");
    // The filler names themself for the bureau; the second school's administrator had an account that was disabled.
    await db.insert(users).values({ email: "former@xinji.example.com", name: "旧管理员", role: "school_staff", unitId: xinjiSchool.id, status: "disabled", passwordHash: "x" });
    const { id, filler } = await submitXinji(db, { emails: [XINJI_EMAIL, "admin1@xinji.example.com", "former@xinji.example.com"] });
    const usersBefore = await db.$count(users);

    expect((await approve(db, reviewer, id)).accounts).toEqual({ issued: 3, kept: 0, replaced: 0 });
    expect(await db.$count(users)).toBe(usersBefore + 1);
    expect(await userOf(db, XINJI_EMAIL)).toMatchObject({ id: filler.userId, status: "active", passwordHash: "x" });
    expect(await userOf(db, "former@xinji.example.com")).toMatchObject({ status: "invited", passwordHash: null, name: "王伟" });
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "activation")).orderBy(emailOutbox.toAddress);
    expect(mails.map((m) => m.toAddress)).toEqual(["admin1@xinji.example.com", "former@xinji.example.com"]);
    expect(mails.every((m) => m.linkSecret && !m.text.includes("token="))).toBe(true);
    const entries = await entriesOf(db, id);
    expect(new Set(entries.map((e) => e.issuedUserId)).size).toBe(3);
    expect((await auditOf(db, "account.issue")).map((a) => [a.detail.email, a.detail.existing])).toEqual([
      [XINJI_EMAIL, true],
      ["admin1@xinji.example.com", false],
      ["former@xinji.example.com", true],
    ]);
  });

  it("one email on two rows of the table: refused, and nothing is issued", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, rows } = await submitXinji(db, { emails: ["same@xinji.example.com", "admin1@xinji.example.com", "same@xinji.example.com"] });
    const version = await opened(db, reviewer, id);
    const usersBefore = await db.$count(users);

    const result = await run(db, approveCommand, { submissionId: id, expectedVersion: version }, reviewer);
    expect(result).toEqual({ ok: false, formError: `「${rows[2].unitName}」的管理员邮箱 same@xinji.example.com 已是其他单位的账号，同一邮箱不能作为两个单位的管理员。请退回，由报送单位更换邮箱。` });
    expect(await submissionById(db, id)).toMatchObject({ status: "submitted", version });
    expect(await db.$count(users)).toBe(usersBefore);
    expect(await db.$count(emailOutbox)).toBe(0);
    expect((await entriesOf(db, id)).every((e) => e.issuedUserId === null)).toBe(true);
    expect(await auditOf(db, "account.issue")).toHaveLength(0);
  });

  it("re-sending an activation makes the old link stop working; reviewers see invited, email failed and activated", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id } = await submitXinji(db);
    await approve(db, reviewer, id);
    const admin = await userOf(db, "admin0@xinji.example.com");
    const states = async () => Object.fromEntries((await getIssuedAccountsBySubmission({ db, submissionId: id })).map((a) => [a.email, a.state]));
    expect((await states())[admin.email]).toBe("invited");

    const [firstMail] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, admin.id));
    const oldToken = tokenOf(firstMail);
    await db.update(emailOutbox).set({ status: "sent" }).where(eq(emailOutbox.id, firstMail.id));
    expect((await states())[admin.email]).toBe("invited");
    await db.update(emailOutbox).set({ bouncedAt: NOW, lastError: "550 mailbox unavailable" }).where(eq(emailOutbox.id, firstMail.id));
    expect((await states())[admin.email]).toBe("email_failed");
    await db.update(emailOutbox).set({ status: "failed", bouncedAt: null }).where(eq(emailOutbox.id, firstMail.id));
    expect((await states())[admin.email]).toBe("email_failed");

    const row = { submissionId: id, unitId: admin.unitId };
    dataOf(await run(db, resendActivationCommand, row, reviewer, new Date(NOW.getTime() + MINUTE)));
    expect((await states())[admin.email]).toBe("invited");
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, admin.id)).orderBy(emailOutbox.id);
    expect(mails).toHaveLength(2);
    const newToken = tokenOf(mails[1]);

    const activate = (token: string) => setPasswordWithToken({ db, purpose: "activation", input: { token, password: "Jiaoyu#2021", confirm: "Jiaoyu#2021" }, ip: null, now: new Date(NOW.getTime() + 2 * MINUTE) });
    expect(await activate(oldToken)).toEqual({ ok: false, formError: LINK_MESSAGES.activation.revoked });
    expect(await activate(newToken)).toMatchObject({ ok: true });
    expect((await states())[admin.email]).toBe("activated");

    const actions = (await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["account.activation_resent", "account.activated"]));
    expect(await auditOf(db, "account.resend_activation")).toMatchObject([{ outcome: "success", targetId: String(admin.id) }]);
    // An activated account gets no more activation links.
    expect((await run(db, resendActivationCommand, row, reviewer)).ok).toBe(false);
  });

  it("re-sending is only for accounts an approval issued", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id, rows } = await submitXinji(db);
    expect(await run(db, resendActivationCommand, { submissionId: id, unitId: rows[0].unitId }, reviewer)).toEqual({ ok: false, formError: "该行尚未开通账号：报送通过后才会开通并发送激活邮件。" });
    expect(await db.$count(emailOutbox)).toBe(0);
  });
});

describe("账号开通清单", () => {
  it("lists the accounts approvals issued, for reviewers only", async () => {
    const { db } = world;
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { id } = await submitXinji(db);
    const { campaignId } = await submissionById(db, id);
    await approve(db, reviewer, id);

    const build = (actor: Actor) => db.transaction((tx) => accountListExport(campaignId)(tx, actor, NOW));
    const { body, rows: count } = (await build(reviewer))!;
    expect(count).toBe(3);
    const workbook = XLSX.read(typeof body === "function" ? await body() : body);
    const rows = XLSX.utils.sheet_to_json<string[]>(workbook.Sheets[ACCOUNT_LIST_TITLE], { header: 1 });
    expect(rows[0][0]).toBe(ACCOUNT_LIST_TITLE);
    expect(rows[1][0]).toMatch(new RegExp(`^导出人：${reviewer.name}（河北省教育厅，${reviewer.email}）　导出时间：`));
    expect(rows[2]).toEqual(["序号", "报送单位", "单位名称", "学校教育事业统计标识码（仅学校用户填写）", "姓名", "职务", "联系电话", "登录账号（邮箱）", "角色", "账号状态"]);
    expect(rows.slice(3).map((r) => [r[1], r[7], r[8], r[9]])).toEqual([
      ["辛集市教育局", "admin0@xinji.example.com", "市级填报员", "待激活"],
      ["辛集市教育局", "admin1@xinji.example.com", "学校填报员", "待激活"],
      ["辛集市教育局", "admin2@xinji.example.com", "学校填报员", "待激活"],
    ]);
    expect(await build(await actorFor(db, XINJI_EMAIL))).toBeNull();
  });
});
