import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { auditLog, emailOutbox, units, users, userSessions, userTokens } from "@/db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/db/seed";
import { setPasswordWithToken } from "@/lib/accounts/set-password";
import { attemptLogin } from "@/lib/auth/login";
import { getActorBySession } from "@/lib/auth/sessions";
import { DENIED_MESSAGE } from "@/lib/core/errors";
import {
  bulkInviteCommand,
  disableUserCommand,
  enableUserCommand,
  endUserSessionsCommand,
  inviteUserCommand,
  previewBulkInviteCommand,
  resendActivationCommand,
  resetSecondFactorCommand,
  sendResetCommand,
  unlockUserCommand,
  updateUserCommand,
} from "@/lib/users/commands";
import { disableIdleAccounts } from "@/lib/users/idle";
import { getUserById, getUserPage, userFilterSchema } from "@/lib/users/queries";
import { FILE_CHANGED_MESSAGE } from "@/lib/xlsx/pipeline";
import { actorFor, auditOf, CHANGAN, CITY_COLLEAGUE_EMAIL, CITY_EMAIL, COUNTY_EMAIL, dataOf, fileOf, freshSeededDatabaseEachTest, lastAuditId, NOW, REVIEWER_EMAIL, run, SHIJIAZHUANG, unitByCode } from "../support/actors";
import { linkOf, tokenOf } from "../support/mail";
import { xlsxFrom } from "../unit/xlsx-fixtures";

const world = freshSeededDatabaseEachTest();
const demo = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;
const ADMIN_EMAIL = demo("province_admin");
const AUDITOR_EMAIL = demo("auditor");
const SECURITY_EMAIL = demo("security_admin");
const MINUTE = 60 * 1000;

const admin = (db: Db) => actorFor(db, ADMIN_EMAIL);
const security = (db: Db) => actorFor(db, SECURITY_EMAIL);

async function userByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

/** Everything inviting or changing an account can write. */
async function accountState(db: Db) {
  return {
    users: await db.select().from(users).orderBy(users.id),
    outbox: await db.$count(emailOutbox),
    tokens: await db.$count(userTokens),
  };
}

async function invitation(db: Db, overrides: Record<string, unknown> = {}) {
  return { email: "Wang.Fang@Example.com", name: "王芳", unitId: (await unitByCode(db, SHIJIAZHUANG)).id, role: "city_officer", ...overrides };
}

const login = (db: Db, email: string, password = DEMO_PASSWORD, now = NOW) => attemptLogin({ db, email, password, ip: "10.0.0.7", userAgent: "vitest", now });

describe("inviting a user", () => {
  it("creates an invited account with no password and queues the activation email, which activates it", async () => {
    const { db } = world;
    const { userId } = dataOf(await run(db, inviteUserCommand, await invitation(db), await admin(db)));
    const user = await userByEmail(db, "wang.fang@example.com");
    expect(user).toMatchObject({ id: userId, name: "王芳", role: "city_officer", status: "invited", passwordHash: null });

    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId));
    expect(mail).toMatchObject({ kind: "activation", toAddress: "wang.fang@example.com" });
    const [audit] = await auditOf(db, "user.invite");
    expect(audit).toMatchObject({ outcome: "success", targetType: "user", targetId: String(userId), detail: { email: "wang.fang@example.com", role: "city_officer" } });

    const token = tokenOf(mail);
    const activated = await setPasswordWithToken({ db, purpose: "activation", input: { token, password: "Jiaoyu#2021", confirm: "Jiaoyu#2021" }, ip: null, now: NOW });
    expect(activated.ok).toBe(true);
    expect((await userByEmail(db, "wang.fang@example.com")).status).toBe("active");
    expect((await login(db, "wang.fang@example.com", "Jiaoyu#2021")).ok).toBe(true);
  });

  it("refuses an email another account already has (in any case), writing nothing", async () => {
    const { db } = world;
    const before = await accountState(db);
    const result = await run(db, inviteUserCommand, await invitation(db, { email: CITY_EMAIL.toUpperCase() }), await admin(db));
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: `邮箱：${CITY_EMAIL} 已是「石家庄市教育局」刘海燕的登录账号，每个邮箱只能开设一个账号` } });
    expect(await accountState(db)).toEqual(before);
  });

  it("refuses a unit that does not exist, is inactive or sits under an inactive unit, writing nothing", async () => {
    const { db } = world;
    const actor = await admin(db);
    const changan = await unitByCode(db, CHANGAN);
    const school = await unitByCode(db, "3613010002");
    await db.update(units).set({ active: false }).where(eq(units.id, changan.id));
    const before = await accountState(db);
    for (const [unitId, role, message] of [
      [2_000_000, "county_officer", "所在单位：该单位不在单位库中，请重新选择"],
      [changan.id, "county_officer", "所在单位：「长安区教育局」已停用（或其上级单位已停用），请选择启用中的单位"],
      [school.id, "school_staff", "所在单位：「长安区示例职业中学」已停用（或其上级单位已停用），请选择启用中的单位"],
    ] as const) {
      const result = await run(db, inviteUserCommand, await invitation(db, { unitId, role }), actor);
      expect(result).toMatchObject({ ok: false, fieldErrors: { unitId: message } });
    }
    expect(await accountState(db)).toEqual(before);
  });

  it("gives a unit only its kind of role: scope comes from the unit", async () => {
    const { db } = world;
    const changan = await unitByCode(db, CHANGAN);
    const province = await unitByCode(db, "13");
    const before = await accountState(db);
    const atCounty = await run(db, inviteUserCommand, await invitation(db, { unitId: changan.id, role: "city_officer" }), await admin(db));
    expect(atCounty).toMatchObject({ ok: false, fieldErrors: { role: "角色：「长安区教育局」是县（区）教育局，其账号角色应为「县级填报员」，请更换角色或单位" } });
    const fillerAtProvince = await run(db, inviteUserCommand, await invitation(db, { unitId: province.id, role: "county_officer" }), await admin(db));
    expect(fillerAtProvince).toMatchObject({ ok: false, fieldErrors: { role: expect.stringContaining("「省级管理员」或「省级审核员」或「审计管理员」") } });
    expect(await accountState(db)).toEqual(before);
  });

  it("takes no password, and no field it does not know", async () => {
    const { db } = world;
    const before = await accountState(db);
    for (const extra of [{ password: "Jiaoyu#2021" }, { passwordHash: "x" }, { status: "active" }]) {
      const result = await run(db, inviteUserCommand, await invitation(db, extra), await admin(db));
      expect(result).toMatchObject({ ok: false, formError: "表单包含无法识别的内容，请刷新页面后重试" });
    }
    expect(await accountState(db)).toEqual(before);
  });

  it("is for the province administrator only", async () => {
    const { db } = world;
    for (const email of [REVIEWER_EMAIL, AUDITOR_EMAIL, CITY_EMAIL]) {
      expect(await run(db, inviteUserCommand, await invitation(db), await actorFor(db, email))).toEqual({ ok: false, formError: DENIED_MESSAGE });
    }
  });
});

describe("roles stay separate", () => {
  it("nobody changes their own role", async () => {
    const { db } = world;
    const actor = await admin(db);
    const province = await unitByCode(db, "13");
    const result = await run(db, updateUserCommand, { userId: actor.userId, name: "李文华", unitId: province.id, role: "province_reviewer" }, actor);
    expect(result).toMatchObject({ ok: false, fieldErrors: { role: "角色：不能修改自己的角色，请由安全管理员办理" } });
    expect((await userByEmail(db, ADMIN_EMAIL)).role).toBe("province_admin");
  });

  it("no account moves into or out of 审计管理员", async () => {
    const { db } = world;
    const actor = await security(db);
    const province = await unitByCode(db, "13");
    const auditor = await userByEmail(db, AUDITOR_EMAIL);
    const reviewer = await userByEmail(db, REVIEWER_EMAIL);
    const out = await run(db, updateUserCommand, { userId: auditor.id, name: auditor.name, unitId: province.id, role: "province_admin" }, actor);
    const into = await run(db, updateUserCommand, { userId: reviewer.id, name: reviewer.name, unitId: province.id, role: "auditor" }, actor);
    for (const result of [out, into]) expect(result).toMatchObject({ ok: false, fieldErrors: { role: expect.stringContaining("三权分立") } });
    expect((await userByEmail(db, AUDITOR_EMAIL)).role).toBe("auditor");
    expect((await userByEmail(db, REVIEWER_EMAIL)).role).toBe("province_reviewer");
  });

  it("changes another account's name, unit and role when they fit together", async () => {
    const { db } = world;
    const colleague = await userByEmail(db, CITY_COLLEAGUE_EMAIL);
    const changan = await unitByCode(db, CHANGAN);
    dataOf(await run(db, updateUserCommand, { userId: colleague.id, name: "王建业", unitId: changan.id, role: "county_officer" }, await admin(db)));
    expect(await userByEmail(db, CITY_COLLEAGUE_EMAIL)).toMatchObject({ name: "王建业", unitId: changan.id, role: "county_officer" });
    const [audit] = await auditOf(db, "user.update");
    expect(audit.detail).toMatchObject({ changed: ["name", "unitId", "role"], before: { role: "city_officer" } });
  });
});

describe("account actions", () => {
  it("disabling ends every session at once; re-enabling restores the account as it was", async () => {
    const { db } = world;
    const session = await login(db, CITY_EMAIL);
    if (!session.ok) throw new Error("login failed");
    const officer = await userByEmail(db, CITY_EMAIL);

    dataOf(await run(db, disableUserCommand, { userId: officer.id }, await admin(db)));
    expect((await userByEmail(db, CITY_EMAIL)).status).toBe("disabled");
    const [row] = await db.select().from(userSessions).where(eq(userSessions.id, session.sessionId));
    expect(row).toMatchObject({ endedAt: NOW, endReason: "account_disabled" });
    expect(await getActorBySession({ db, sessionId: session.sessionId, now: NOW })).toBeNull();
    expect((await login(db, CITY_EMAIL)).ok).toBe(false);

    expect(dataOf(await run(db, enableUserCommand, { userId: officer.id }, await admin(db)))).toEqual({ status: "active" });
    expect((await login(db, CITY_EMAIL)).ok).toBe(true);
    const invited = await userByEmail(db, CITY_COLLEAGUE_EMAIL);
    dataOf(await run(db, disableUserCommand, { userId: invited.id }, await admin(db)));
    expect(dataOf(await run(db, enableUserCommand, { userId: invited.id }, await admin(db)))).toEqual({ status: "invited" });
  });

  it("an administrator cannot disable their own account", async () => {
    const { db } = world;
    const actor = await admin(db);
    expect(await run(db, disableUserCommand, { userId: actor.userId }, actor)).toMatchObject({ ok: false, formError: "不能停用自己的账号。" });
    expect((await userByEmail(db, ADMIN_EMAIL)).status).toBe("active");
  });

  it("unlocking clears the lock and the failure count, so the person can log in again", async () => {
    const { db } = world;
    for (let i = 0; i < 5; i++) await login(db, CITY_EMAIL, "wrong", new Date(NOW.getTime() + i * MINUTE));
    const later = new Date(NOW.getTime() + 6 * MINUTE);
    // A locked account answers like a wrong password (issue 11: nothing for a guesser to learn).
    expect(await login(db, CITY_EMAIL, DEMO_PASSWORD, later)).toEqual({ ok: false, reason: "invalid" });
    expect((await userByEmail(db, CITY_EMAIL)).lockedUntil).not.toBeNull();

    const officer = await userByEmail(db, CITY_EMAIL);
    dataOf(await run(db, unlockUserCommand, { userId: officer.id }, await security(db), later));
    expect(await userByEmail(db, CITY_EMAIL)).toMatchObject({ lockedUntil: null, failedLoginCount: 0, failureWindowStartedAt: null });
    expect((await login(db, CITY_EMAIL, DEMO_PASSWORD, later)).ok).toBe(true);
  });

  it("ends all sessions of a user and says how many", async () => {
    const { db } = world;
    const first = await login(db, CITY_EMAIL);
    const second = await login(db, CITY_EMAIL);
    const officer = await userByEmail(db, CITY_EMAIL);
    expect(dataOf(await run(db, endUserSessionsCommand, { userId: officer.id }, await security(db)))).toEqual({ ended: 2 });
    for (const s of [first, second]) if (s.ok) expect(await getActorBySession({ db, sessionId: s.sessionId, now: NOW })).toBeNull();
  });

  it("sends a reset link to an active account only, never a password", async () => {
    const { db } = world;
    const officer = await userByEmail(db, CITY_EMAIL);
    dataOf(await run(db, sendResetCommand, { userId: officer.id }, await admin(db)));
    const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, officer.id), eq(emailOutbox.kind, "password_reset")));
    expect(linkOf(mail)).toContain("/reset-password?token=");
    expect(mail.text).not.toContain(DEMO_PASSWORD);

    const invited = await userByEmail(db, CITY_COLLEAGUE_EMAIL);
    expect(await run(db, sendResetCommand, { userId: invited.id }, await admin(db))).toMatchObject({ ok: false, formError: expect.stringContaining("尚未激活") });
    dataOf(await run(db, resendActivationCommand, { userId: invited.id }, await admin(db)));
    expect(await db.$count(emailOutbox, and(eq(emailOutbox.userId, invited.id), eq(emailOutbox.kind, "activation")))).toBe(1);
  });
});

describe("the list", () => {
  it("masks phones, never carries a password hash, and filters by text, role and status", async () => {
    const { db } = world;
    const actor = await admin(db);
    const filter = (raw: Record<string, string>) => userFilterSchema.parse(raw);
    const all = await getUserPage({ db, actor, filter: filter({}), now: NOW });
    const officer = all.rows.find((r) => r.email === CITY_EMAIL)!;
    expect(officer).toMatchObject({ phone: "138****8003", unitName: "石家庄市教育局", role: "city_officer", status: "active" });
    expect(JSON.stringify(all.rows)).not.toMatch(/passwordHash|argon2|13800138003/);

    const found = await getUserPage({ db, actor, filter: filter({ q: "石家庄", role: "city_officer" }), now: NOW });
    expect(found.rows.map((r) => r.email).sort()).toEqual([CITY_COLLEAGUE_EMAIL, CITY_EMAIL].sort());
    const invited = await getUserPage({ db, actor, filter: filter({ status: "invited" }), now: NOW });
    expect(invited.rows.every((r) => r.status === "invited")).toBe(true);

    await db.update(users).set({ lockedUntil: new Date(NOW.getTime() + MINUTE) }).where(eq(users.email, CITY_EMAIL));
    const locked = await getUserPage({ db, actor, filter: filter({ status: "locked" }), now: NOW });
    expect(locked.rows.map((r) => [r.email, r.status])).toEqual([[CITY_EMAIL, "locked"]]);
    const detail = await getUserById({ db, actor, userId: officer.id, now: NOW });
    expect(JSON.stringify(detail)).not.toMatch(/passwordHash|argon2|13800138003/);

    await expect(getUserPage({ db, actor: await actorFor(db, AUDITOR_EMAIL), filter: filter({}), now: NOW })).rejects.toThrow();
  });
});

describe("inviting in bulk", () => {
  const HEADINGS = ["邮箱", "姓名", "所在单位", "角色"];
  const file = (rows: string[][]) => fileOf(xlsxFrom([{ name: "邀请名单", rows: [HEADINGS, ...rows] }]), "邀请名单.xlsx");
  const rows = [
    ["zhaoli@example.com", "赵丽", "长安区教育局", ""],
    ["sunqiang@example.com", "孙强", "130102", "县级填报员"],
    ["zhoujie@example.com", "周杰", "河北省示例机电工程学校", "学校填报员"],
  ];

  it("previews, then invites every row with its own activation email and audit row", async () => {
    const { db } = world;
    const actor = await admin(db);
    const before = await accountState(db);
    const previewed = file(rows);
    const preview = dataOf(await run(db, previewBulkInviteCommand, { file: previewed }, actor));
    expect(preview.rows.map((r) => [r.status, r.errors])).toEqual(rows.map(() => ["new", []]));
    expect(await accountState(db)).toEqual(before);

    // Another file than the one previewed invites nobody.
    const swapped = await run(db, bulkInviteCommand, { file: file(rows.slice(1)), fileHash: preview.fileHash }, actor);
    expect(swapped).toEqual({ ok: false, formError: FILE_CHANGED_MESSAGE });
    expect(await accountState(db)).toEqual(before);

    const mark = await lastAuditId(db);
    expect(dataOf(await run(db, bulkInviteCommand, { file: previewed, fileHash: preview.fileHash }, actor)).counts.new).toBe(3);
    const invited = await db.select().from(users).where(sql`${users.email} in ('zhaoli@example.com', 'sunqiang@example.com', 'zhoujie@example.com')`);
    expect(invited.map((u) => [u.email, u.role, u.status]).sort()).toEqual([
      ["sunqiang@example.com", "county_officer", "invited"],
      ["zhaoli@example.com", "county_officer", "invited"],
      ["zhoujie@example.com", "school_staff", "invited"],
    ]);
    expect(await db.$count(emailOutbox, sql`${emailOutbox.kind} = 'activation' and ${emailOutbox.userId} in ${invited.map((u) => u.id)}`)).toBe(3);
    const audits = await db.select().from(auditLog).where(sql`${auditLog.id} > ${mark}`).orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(["user.invite", "user.invite", "user.invite", "user.bulk_invite"]);
  });

  it("writes nothing when one row is wrong: an email twice, an email in use, an unknown unit", async () => {
    const { db } = world;
    const actor = await admin(db);
    const before = await accountState(db);
    const bad = [...rows, ["ZhaoLi@example.com", "赵丽", "长安区教育局", ""], [CITY_EMAIL, "刘海燕", "石家庄市教育局", "市级填报员"], ["x@example.com", "王五", "不存在的单位", "市级填报员"]];
    const badFile = file(bad);
    const preview = dataOf(await run(db, previewBulkInviteCommand, { file: badFile }, actor));
    expect(preview.rows.map((r) => r.status)).toEqual(["error", "new", "new", "error", "error", "error"]);
    expect(preview.rows[0].errors).toEqual(["邮箱：zhaoli@example.com 在第 2、5 行重复出现，每个邮箱只能开设一个账号"]);
    expect(preview.rows[5].errors).toEqual(["所在单位：单位库中没有「不存在的单位」，请核对名称或代码"]);

    const commit = await run(db, bulkInviteCommand, { file: badFile, fileHash: preview.fileHash }, actor);
    expect(commit).toMatchObject({ ok: false, fieldErrors: { "line.2": expect.any(String), "line.5": expect.any(String), "line.6": expect.stringContaining("已是「石家庄市教育局」刘海燕的登录账号"), "line.7": expect.any(String) } });
    expect(await accountState(db)).toEqual(before);
  });
});

describe("三员分立: privileged accounts are the security administrator's", () => {
  const PRIVILEGED = ["province_admin", "province_reviewer", "auditor", "security_admin"] as const;

  it("refuses the province administrator inviting any privileged account (the @evil.example attack), audited as denied, writing nothing", async () => {
    const { db } = world;
    const actor = await admin(db);
    const province = await unitByCode(db, "13");
    const before = await accountState(db);
    const mark = await lastAuditId(db);
    for (const role of PRIVILEGED) {
      const result = await run(db, inviteUserCommand, { email: `${role}@evil.example`, name: "王强", unitId: province.id, role }, actor);
      expect(result, role).toEqual({ ok: false, fieldErrors: { role: expect.stringContaining("只能由安全管理员开设和修改（三员分立）") } });
    }
    expect(await accountState(db)).toEqual(before);
    const audits = await auditOf(db, "user.invite", mark);
    expect(audits.map((a) => [a.outcome, a.detail.reason, a.detail.accountRole])).toEqual(PRIVILEGED.map((r) => ["denied", "outside_remit", r]));
  });

  it("refuses the province administrator changing, disabling, enabling or mailing a privileged account", async () => {
    const { db } = world;
    const actor = await admin(db);
    const reviewer = await userByEmail(db, REVIEWER_EMAIL);
    const province = await unitByCode(db, "13");
    const before = await accountState(db);
    const attempts = [
      run(db, updateUserCommand, { userId: reviewer.id, name: "张立", unitId: province.id, role: "province_reviewer" }, actor),
      run(db, disableUserCommand, { userId: reviewer.id }, actor),
      run(db, enableUserCommand, { userId: reviewer.id }, actor),
      run(db, sendResetCommand, { userId: reviewer.id }, actor),
      run(db, resendActivationCommand, { userId: reviewer.id }, actor),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toEqual({ ok: false, formError: expect.stringContaining("只能由安全管理员开设和修改") });
    // Nor can a filler account be made privileged.
    const colleague = await userByEmail(db, CITY_COLLEAGUE_EMAIL);
    const promote = await run(db, updateUserCommand, { userId: colleague.id, name: colleague.name, unitId: province.id, role: "province_admin" }, actor);
    expect(promote).toEqual({ ok: false, fieldErrors: { role: expect.stringContaining("只能由安全管理员") } });
    expect(await accountState(db)).toEqual(before);
  });

  it("refuses the province administrator a privileged row in a bulk invitation", async () => {
    const { db } = world;
    const file = fileOf(xlsxFrom([{ name: "邀请名单", rows: [["邮箱", "姓名", "所在单位", "角色"], ["boss@evil.example", "王强", "河北省教育厅", "省级管理员"]] }]), "邀请名单.xlsx");
    const before = await accountState(db);
    const preview = dataOf(await run(db, previewBulkInviteCommand, { file }, await admin(db)));
    expect(preview.rows.map((r) => [r.status, r.errors])).toEqual([["error", [expect.stringContaining("只能由安全管理员开设和修改")]]]);
    expect(await run(db, bulkInviteCommand, { file, fileHash: preview.fileHash }, await admin(db))).toMatchObject({ ok: false });
    expect(await accountState(db)).toEqual(before);
    const bySecurity = dataOf(await run(db, previewBulkInviteCommand, { file }, await security(db)));
    expect(bySecurity.rows.map((r) => r.status)).toEqual(["new"]);
  });

  it("lets the security administrator invite and change privileged accounts, and refuses it the filler ones", async () => {
    const { db } = world;
    const actor = await security(db);
    const province = await unitByCode(db, "13");
    const { userId } = dataOf(await run(db, inviteUserCommand, { email: "new-reviewer@hebei.example.cn", name: "陈静", unitId: province.id, role: "province_reviewer" }, actor));
    expect(await userByEmail(db, "new-reviewer@hebei.example.cn")).toMatchObject({ id: userId, role: "province_reviewer", status: "invited" });
    dataOf(await run(db, updateUserCommand, { userId, name: "陈静", unitId: province.id, role: "province_admin" }, actor));
    expect((await userByEmail(db, "new-reviewer@hebei.example.cn")).role).toBe("province_admin");
    dataOf(await run(db, disableUserCommand, { userId }, actor));

    const before = await accountState(db);
    const filler = await run(db, inviteUserCommand, await invitation(db), actor);
    expect(filler).toEqual({ ok: false, fieldErrors: { role: expect.stringContaining("由省级管理员开设和修改") } });
    const officer = await userByEmail(db, CITY_EMAIL);
    expect(await run(db, disableUserCommand, { userId: officer.id }, actor)).toEqual({ ok: false, formError: expect.stringContaining("由省级管理员开设和修改") });
    expect(await accountState(db)).toEqual(before);
  });

  it("keeps unlocking, ending sessions and resetting second factors from the province administrator", async () => {
    const { db } = world;
    const officer = await userByEmail(db, CITY_EMAIL);
    const input = { userId: officer.id };
    const refused = { ok: false, formError: DENIED_MESSAGE };
    expect(await run(db, unlockUserCommand, input, await admin(db))).toEqual(refused);
    expect(await run(db, endUserSessionsCommand, input, await admin(db))).toEqual(refused);
    expect(await run(db, resetSecondFactorCommand, input, await admin(db))).toEqual(refused);
  });

  it("nobody changes their own role or second factor, and no account moves into or out of 安全管理员", async () => {
    const { db } = world;
    const actor = await security(db);
    const province = await unitByCode(db, "13");
    const own = await run(db, updateUserCommand, { userId: actor.userId, name: actor.name, unitId: province.id, role: "province_admin" }, actor);
    expect(own).toEqual({ ok: false, fieldErrors: { role: "角色：不能修改自己的角色，请由另一位安全管理员办理" } });
    expect(await run(db, resetSecondFactorCommand, { userId: actor.userId }, actor)).toEqual({ ok: false, formError: "不能重置自己的两步验证，请由另一位安全管理员办理。" });

    const reviewer = await userByEmail(db, REVIEWER_EMAIL);
    const into = await run(db, updateUserCommand, { userId: reviewer.id, name: reviewer.name, unitId: province.id, role: "security_admin" }, actor);
    expect(into).toEqual({ ok: false, fieldErrors: { role: expect.stringContaining("安全管理员须使用单独的账号") } });
    expect((await userByEmail(db, REVIEWER_EMAIL)).role).toBe("province_reviewer");
    expect((await userByEmail(db, SECURITY_EMAIL)).role).toBe("security_admin");
  });
});

describe("idle accounts", () => {
  const DAY = 24 * 60 * MINUTE;
  const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

  /** Every account last used yesterday, then the given ones longer ago. */
  async function lastUsed(db: Db, idle: Record<string, number>) {
    await db.update(users).set({ createdAt: daysAgo(400), passwordChangedAt: null, lastLoginAt: daysAgo(1) });
    for (const [email, days] of Object.entries(idle)) await db.update(users).set({ lastLoginAt: daysAgo(days) }).where(eq(users.email, email));
  }

  it("disables the accounts unused for 90 days, ends their sessions and audits each, once", async () => {
    const { db } = world;
    const session = await login(db, CITY_EMAIL, DEMO_PASSWORD, daysAgo(91));
    if (!session.ok) throw new Error("login failed");
    await lastUsed(db, { [CITY_EMAIL]: 91, [REVIEWER_EMAIL]: 200, [COUNTY_EMAIL]: 89 });

    expect(await disableIdleAccounts({ db, now: NOW, days: 90 })).toBe(2);
    expect((await userByEmail(db, CITY_EMAIL)).status).toBe("disabled");
    expect((await userByEmail(db, REVIEWER_EMAIL)).status).toBe("disabled");
    expect((await userByEmail(db, COUNTY_EMAIL)).status).toBe("active");
    expect((await userByEmail(db, ADMIN_EMAIL)).status).toBe("active");
    const [row] = await db.select().from(userSessions).where(eq(userSessions.id, session.sessionId));
    expect(row).toMatchObject({ endedAt: NOW, endReason: "account_idle" });
    expect((await login(db, CITY_EMAIL)).ok).toBe(false);

    const audits = await auditOf(db, "user.idle_disable");
    const city = await userByEmail(db, CITY_EMAIL);
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => a.targetId === String(city.id))).toMatchObject({ outcome: "success", userId: null, targetType: "user", at: NOW, detail: { days: 90, lastUsedAt: daysAgo(91).toISOString() } });

    expect(await disableIdleAccounts({ db, now: NOW, days: 90 })).toBe(0);
    expect(await auditOf(db, "user.idle_disable")).toHaveLength(2);
  });

  it("counts an account's activation as use, and leaves invited accounts alone", async () => {
    const { db } = world;
    await lastUsed(db, {});
    await db.update(users).set({ lastLoginAt: null, passwordChangedAt: daysAgo(30) }).where(eq(users.email, CITY_EMAIL));
    await db.update(users).set({ lastLoginAt: null }).where(eq(users.email, CITY_COLLEAGUE_EMAIL));
    expect(await disableIdleAccounts({ db, now: NOW, days: 90 })).toBe(0);
    expect((await userByEmail(db, CITY_COLLEAGUE_EMAIL)).status).toBe("invited");
  });

  it("keeps the most recently used security administrator even when idle, so someone can enable the others again", async () => {
    const { db } = world;
    const province = await unitByCode(db, "13");
    await db.insert(users).values({ email: "security-2@test.baosong.cn", name: "郑文", role: "security_admin", unitId: province.id, status: "active", passwordHash: "x" });
    await lastUsed(db, { [SECURITY_EMAIL]: 100, "security-2@test.baosong.cn": 150, [ADMIN_EMAIL]: 120 });
    await disableIdleAccounts({ db, now: NOW, days: 90 });
    expect((await userByEmail(db, SECURITY_EMAIL)).status).toBe("active");
    expect((await userByEmail(db, "security-2@test.baosong.cn")).status).toBe("disabled");
    expect((await userByEmail(db, ADMIN_EMAIL)).status).toBe("disabled");
  });
});
