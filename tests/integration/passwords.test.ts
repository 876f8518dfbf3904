import { asc, eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, passwordHistory, type Role, users, userSessions } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { changePasswordCommand } from "@/lib/accounts/commands";
import { PASSWORD_HISTORY_DEPTH, REUSED_PASSWORD } from "@/lib/accounts/passwords";
import { attemptLogin } from "@/lib/auth/login";
import { getActorBySession, getSignedInBySession } from "@/lib/auth/sessions";
import { executeCommand } from "@/lib/core/command";
import { addActiveUser } from "../support/accounts";
import { lastAuditId } from "../support/actors";
import { testDb } from "../support/database";

const { db } = testDb();
const NOW = new Date("2021-11-22T02:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const FIRST = "Kp4$wq9!Lm2z";

beforeAll(() => seedDatabase(db, { now: NOW }));

/** A fresh active account with password FIRST, last changed `changedDaysAgo` days before NOW. */
function makeUser(role: Role, changedDaysAgo = 0) {
  return addActiveUser(db, { role, password: FIRST, passwordChangedAt: new Date(NOW.getTime() - changedDaysAgo * DAY), createdAt: new Date(NOW.getTime() - 400 * DAY), prefix: "pw" });
}

async function change(actor: Awaited<ReturnType<typeof makeUser>>, currentPassword: string, password: string, now = NOW) {
  return executeCommand(changePasswordCommand, { currentPassword, password, confirm: password }, { db, actor, ip: "10.0.0.9", now });
}

const hashOf = async (userId: number) => (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0].h;

describe("修改密码", () => {
  it("needs the current password, and leaves everything as it was when it is wrong", async () => {
    const actor = await makeUser("city_officer");
    const before = await hashOf(actor.userId);
    const mark = await lastAuditId(db);
    expect(await change(actor, "Wrong-pass-123", "Zt8#nQ2!vBw5")).toEqual({ ok: false, fieldErrors: { currentPassword: "当前密码不正确，请重新输入" } });
    expect(await hashOf(actor.userId)).toBe(before);
    const audits = await db.select().from(auditLog).where(gt(auditLog.id, mark));
    expect(audits).toMatchObject([{ action: "account.change_password", outcome: "rejected", userId: actor.userId, detail: { reason: "wrong_password" } }]);
  });

  it("refuses a weak or personal password on the server", async () => {
    const actor = await makeUser("city_officer");
    const weak = await change(actor, FIRST, "Password1!");
    expect(weak).toMatchObject({ ok: false, fieldErrors: { password: expect.stringMatching(/过于常见/) } });
    const personal = await change(actor, FIRST, "Shijiazhuang#7391");
    expect(personal).toMatchObject({ ok: false, fieldErrors: { password: expect.stringMatching(/单位名称/) } });
  });

  it("stores the new password, keeps it in the history and ends every session of the account", async () => {
    const actor = await makeUser("city_officer");
    const opened = await attemptLogin({ db, email: actor.email, password: FIRST, ip: null, userAgent: null, now: NOW });
    if (!opened.ok) throw new Error("login failed");
    const later = new Date(NOW.getTime() + 60_000);
    expect(await change(actor, FIRST, "Zt8#nQ2!vBw5", later)).toEqual({ ok: true, data: { email: actor.email } });
    const [session] = await db.select().from(userSessions).where(eq(userSessions.id, opened.sessionId));
    expect(session).toMatchObject({ endReason: "password_changed" });
    const history = await db.select().from(passwordHistory).where(eq(passwordHistory.userId, actor.userId));
    expect(history).toMatchObject([{ replacedAt: later }]);
    expect((await attemptLogin({ db, email: actor.email, password: FIRST, ip: null, userAgent: null, now: later })).ok).toBe(false);
    expect((await attemptLogin({ db, email: actor.email, password: "Zt8#nQ2!vBw5", ip: null, userAgent: null, now: later })).ok).toBe(true);
  });

  it(`refuses any of the last ${PASSWORD_HISTORY_DEPTH} passwords, and allows one older than that`, { timeout: 60_000 }, async () => {
    const actor = await makeUser("city_officer");
    const passwords = [FIRST, "Zt8#nQ2!vBw5", "Hy6@rM3#kPq9", "Wd2!xC7$fJn4", "Bv9%tL4^sQe1", "Mn3&gR8*wZa6", "Pf5(eK1)yUc7"];
    for (let i = 1; i < 5; i++) expect(await change(actor, passwords[i - 1], passwords[i])).toMatchObject({ ok: true });
    // Now at passwords[4]: the four it replaced are refused (FIRST included, set before the history existed).
    for (const reused of passwords.slice(0, 4)) expect(await change(actor, passwords[4], reused)).toEqual({ ok: false, fieldErrors: { password: REUSED_PASSWORD } });
    expect(await change(actor, passwords[4], passwords[5])).toMatchObject({ ok: true });
    expect(await change(actor, passwords[5], FIRST)).toMatchObject({ ok: true });
  });
});

/** The session as it is once its second factor was given: that gate comes first (see second-factor.test.ts). */
async function passSecondFactor(sessionId: string) {
  await db.update(userSessions).set({ secondFactorAt: NOW }).where(eq(userSessions.id, sessionId));
}

describe("the password-age gate", () => {
  async function signedIn(role: Role, changedDaysAgo: number) {
    const actor = await makeUser(role, changedDaysAgo);
    const opened = await attemptLogin({ db, email: actor.email, password: FIRST, ip: null, userAgent: null, now: NOW });
    if (!opened.ok) throw new Error("login failed");
    await passSecondFactor(opened.sessionId);
    return opened.sessionId;
  }

  it("holds a privileged account whose password is older than 90 days", async () => {
    for (const role of ["province_admin", "province_reviewer", "auditor", "security_admin"] as const) {
      const sessionId = await signedIn(role, 91);
      expect(await getSignedInBySession({ db, sessionId, now: NOW }), role).toMatchObject({ gate: "password_expired", actor: { role } });
      expect(await getActorBySession({ db, sessionId, now: NOW }), role).toBeNull();
    }
  });

  it("lets a privileged account with a recent password through, and never holds a filler", async () => {
    expect(await getSignedInBySession({ db, sessionId: await signedIn("province_admin", 89), now: NOW })).toMatchObject({ gate: null });
    expect(await getSignedInBySession({ db, sessionId: await signedIn("city_officer", 400), now: NOW })).toMatchObject({ gate: null });
  });

  it("is passed by changing the password", async () => {
    const actor = await makeUser("province_admin", 120);
    expect(await change(actor, FIRST, "Zt8#nQ2!vBw5")).toMatchObject({ ok: true });
    const opened = await attemptLogin({ db, email: actor.email, password: "Zt8#nQ2!vBw5", ip: null, userAgent: null, now: new Date(NOW.getTime() + 1000) });
    if (!opened.ok) throw new Error("login failed");
    await passSecondFactor(opened.sessionId);
    expect(await getSignedInBySession({ db, sessionId: opened.sessionId, now: new Date(NOW.getTime() + 2000) })).toMatchObject({ gate: null });
    const audits = await db.select().from(auditLog).where(eq(auditLog.userId, actor.userId)).orderBy(asc(auditLog.id));
    expect(audits.map((a) => `${a.action}:${a.outcome}`)).toContain("account.change_password:success");
  });
});
