import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, type SQL, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, throttles, type UserStatus, units, users, userSessions } from "@/db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDatabase } from "@/db/seed";
import { attemptLogin, FAILURE_WINDOW_MS, LOCK_DURATION_MS, MAX_FAILED_LOGINS } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { ABSOLUTE_TIMEOUT_MS, endSessions, getActorBySession, IDLE_TIMEOUT_MS } from "@/lib/auth/sessions";
import { testDb } from "../support/database";
import { acceptNotice } from "../support/accounts";

const { db } = testDb();
const T0 = new Date("2021-11-22T01:00:00Z");
const MINUTE = 60_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

const PASSWORD = "Correct-horse-9";
let passwordHash: string;
let cityUnitId: number;

beforeAll(async () => {
  await seedDatabase(db, { now: T0 });
  passwordHash = await hashPassword(PASSWORD);
  [{ id: cityUnitId }] = await db.select({ id: units.id }).from(units).where(eq(units.code, "1301"));
});

// Each test guesses from the same address: it starts with no count against it.
beforeEach(async () => {
  await db.delete(throttles);
});

/** A fresh account per test, so lockouts and sessions never leak between tests; past the privacy notice. */
async function makeUser(status: UserStatus = "active") {
  const email = `user-${randomUUID()}@test.baosong.cn`;
  const [user] = await db
    .insert(users)
    .values({ email, name: "测试用户", unitId: cityUnitId, role: "city_officer", status, passwordHash: status === "invited" ? null : passwordHash })
    .returning();
  await acceptNotice(db, user.id);
  return user;
}

const login = (email: string, password: string, now: Date) => attemptLogin({ db, email, password, ip: "10.0.0.7", userAgent: "vitest", now });

async function userById(id: number) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

async function sessionRow(id: string) {
  const [row] = await db.select().from(userSessions).where(eq(userSessions.id, id));
  return row;
}

async function auditOf(where: SQL | undefined) {
  return db.select().from(auditLog).where(where).orderBy(asc(auditLog.id));
}

async function openSession(now = T0) {
  const user = await makeUser();
  const result = await login(user.email, PASSWORD, now);
  if (!result.ok) throw new Error(`login refused: ${result.reason}`);
  return { user, sessionId: result.sessionId };
}

describe("attemptLogin", () => {
  it("with the right password opens a session, records the login and audits it", async () => {
    const user = await makeUser();
    const result = await login(user.email, PASSWORD, T0);
    expect(result).toEqual({ ok: true, sessionId: expect.any(String), userId: user.id });
    if (!result.ok) return;

    expect(await sessionRow(result.sessionId)).toMatchObject({ userId: user.id, createdAt: T0, lastSeenAt: T0, endedAt: null, ip: "10.0.0.7", userAgent: "vitest" });
    expect((await userById(user.id)).lastLoginAt).toEqual(T0);
    const audits = await auditOf(and(eq(auditLog.userId, user.id), eq(auditLog.action, "auth.login")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ outcome: "success", role: "city_officer", unitId: cityUnitId, ip: "10.0.0.7", at: T0 });
  });

  it("every seeded demo account can log in with the demo password", async () => {
    for (const demo of DEMO_LOGINS) {
      expect(demo.password).toBe(DEMO_PASSWORD);
      expect((await login(demo.email, demo.password, T0)).ok, demo.email).toBe(true);
    }
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const user = await makeUser();
    expect((await login(`  ${user.email.toUpperCase()} `, PASSWORD, T0)).ok).toBe(true);
  });

  it("answers a wrong password and an unknown email alike, and audits the unknown email as rejected", async () => {
    const user = await makeUser();
    const wrong = await login(user.email, "not-the-password", T0);
    const unknownEmail = `nobody-${randomUUID()}@test.baosong.cn`;
    const unknown = await login(unknownEmail, PASSWORD, T0);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);

    const [audit] = await auditOf(sql`${auditLog.detail}->>'email' = ${unknownEmail}`);
    expect(audit).toMatchObject({ action: "auth.login", outcome: "rejected", userId: null, ip: "10.0.0.7" });
    expect(audit.detail).toMatchObject({ reason: "unknown_email" });
    const [wrongAudit] = await auditOf(and(eq(auditLog.userId, user.id), eq(auditLog.action, "auth.login")));
    expect(wrongAudit).toMatchObject({ outcome: "rejected", detail: expect.objectContaining({ reason: "wrong_password" }) });
    expect(await db.$count(userSessions, eq(userSessions.userId, user.id))).toBe(0);
    expect((await userById(user.id)).lastLoginAt).toBeNull();
  });

  it.each<UserStatus>(["disabled", "invited", "locked"])("refuses a %s account as 'invalid', even with the right password", async (status) => {
    const user = await makeUser(status);
    expect(await login(user.email, PASSWORD, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await db.$count(userSessions, eq(userSessions.userId, user.id))).toBe(0);
    const [audit] = await auditOf(and(eq(auditLog.userId, user.id), eq(auditLog.action, "auth.login")));
    expect(audit).toMatchObject({ outcome: "rejected", detail: { reason: `status_${status}` } });
  });
});

describe("lockout", () => {
  it("uses 5 failures, a 15-minute window and a 15-minute lock", () => {
    expect([MAX_FAILED_LOGINS, FAILURE_WINDOW_MS, LOCK_DURATION_MS]).toEqual([5, 15 * MINUTE, 15 * MINUTE]);
  });

  it("locks after 5 failures within 15 minutes, refuses even the right password until the lock ends, then lets the person in", async () => {
    const user = await makeUser();
    for (let i = 0; i < 4; i++) expect(await login(user.email, "wrong", at(T0, i * 3 * MINUTE))).toEqual({ ok: false, reason: "invalid" });
    const fifth = at(T0, 14 * MINUTE);
    // Locked, but answered like any wrong password: the lock is for the owner to learn, by email.
    expect(await login(user.email, "wrong", fifth)).toEqual({ ok: false, reason: "invalid" });

    const lockedUntil = at(fifth, 15 * MINUTE);
    expect((await userById(user.id)).lockedUntil).toEqual(lockedUntil);
    const locks = await auditOf(and(eq(auditLog.userId, user.id), eq(auditLog.action, "auth.lock")));
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ outcome: "success", at: fifth });

    expect(await login(user.email, PASSWORD, at(fifth, MINUTE))).toEqual({ ok: false, reason: "invalid" });
    expect(await login(user.email, PASSWORD, at(lockedUntil, -1))).toEqual({ ok: false, reason: "invalid" });
    const refusedWhileLocked = await auditOf(and(eq(auditLog.userId, user.id), eq(auditLog.action, "auth.login"), gt(auditLog.at, fifth)));
    expect(refusedWhileLocked.map((a) => a.detail.reason)).toEqual(["locked", "locked"]);
    expect(await db.$count(userSessions, eq(userSessions.userId, user.id))).toBe(0);

    const result = await login(user.email, PASSWORD, lockedUntil);
    expect(result.ok).toBe(true);
    const after = await userById(user.id);
    expect(after).toMatchObject({ lockedUntil: null, failedLoginCount: 0, lastLoginAt: lockedUntil });
  });

  it("does not extend the lock when someone keeps guessing while it is locked", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) await login(user.email, "wrong", at(T0, i * MINUTE));
    const lockedUntil = at(T0, 4 * MINUTE + 15 * MINUTE);
    for (let i = 0; i < 5; i++) expect(await login(user.email, "wrong", at(T0, (5 + i) * MINUTE))).toEqual({ ok: false, reason: "invalid" });
    expect((await userById(user.id)).lockedUntil).toEqual(lockedUntil);
    expect((await login(user.email, PASSWORD, lockedUntil)).ok).toBe(true);
  });

  it("does not lock when the fifth failure comes after a 16-minute gap", async () => {
    const user = await makeUser();
    for (let i = 0; i < 4; i++) expect(await login(user.email, "wrong", at(T0, i * MINUTE))).toEqual({ ok: false, reason: "invalid" });
    const late = at(T0, 3 * MINUTE + 16 * MINUTE);
    expect(await login(user.email, "wrong", late)).toEqual({ ok: false, reason: "invalid" });
    expect((await userById(user.id)).lockedUntil).toBeNull();
    expect(await db.$count(auditLog, and(eq(auditLog.userId, user.id), eq(auditLog.action, "auth.lock")))).toBe(0);
    expect((await login(user.email, PASSWORD, at(late, MINUTE))).ok).toBe(true);
  });

  it("starts counting afresh after a successful login", async () => {
    const user = await makeUser();
    for (let i = 0; i < 4; i++) await login(user.email, "wrong", at(T0, i * MINUTE));
    expect((await login(user.email, PASSWORD, at(T0, 5 * MINUTE))).ok).toBe(true);
    expect(await login(user.email, "wrong", at(T0, 6 * MINUTE))).toEqual({ ok: false, reason: "invalid" });
    expect((await userById(user.id)).lockedUntil).toBeNull();
  });
});

describe("getActorBySession", () => {
  it("returns the actor with its role and unit for a live session", async () => {
    const { user, sessionId } = await openSession();
    expect(await getActorBySession({ db, sessionId, now: at(T0, MINUTE) })).toEqual({
      userId: user.id,
      sessionId,
      name: "测试用户",
      email: user.email,
      role: "city_officer",
      unitId: cityUnitId,
      unitName: "石家庄市教育局",
      unitKind: "city_bureau",
    });
  });

  it("returns null for a session id nobody issued", async () => {
    expect(await getActorBySession({ db, sessionId: randomUUID(), now: T0 })).toBeNull();
  });

  it("ends a session idle for more than 30 minutes", async () => {
    expect(IDLE_TIMEOUT_MS).toBe(30 * MINUTE);
    const { sessionId } = await openSession();
    expect(await getActorBySession({ db, sessionId, now: at(T0, 31 * MINUTE) })).toBeNull();
    expect(await sessionRow(sessionId)).toMatchObject({ endedAt: at(T0, 31 * MINUTE), endReason: "idle" });
    // Ended for good: coming back sooner afterwards does not revive it.
    expect(await getActorBySession({ db, sessionId, now: at(T0, 32 * MINUTE) })).toBeNull();
  });

  it("keeps a session alive while it is used, measuring idleness from the last use", async () => {
    const { sessionId } = await openSession();
    expect(await getActorBySession({ db, sessionId, now: at(T0, 29 * MINUTE) })).not.toBeNull();
    expect(await getActorBySession({ db, sessionId, now: at(T0, 58 * MINUTE) })).not.toBeNull();
    expect((await sessionRow(sessionId)).endedAt).toBeNull();
  });

  it("ends a session 12 hours after login even if it was used all along", async () => {
    expect(ABSOLUTE_TIMEOUT_MS).toBe(12 * 60 * MINUTE);
    const { sessionId } = await openSession();
    for (let t = 20 * MINUTE; t <= ABSOLUTE_TIMEOUT_MS; t += 20 * MINUTE) {
      expect(await getActorBySession({ db, sessionId, now: at(T0, t) }), `after ${t / MINUTE} minutes`).not.toBeNull();
    }
    const expiredAt = at(T0, ABSOLUTE_TIMEOUT_MS + MINUTE);
    expect(await getActorBySession({ db, sessionId, now: expiredAt })).toBeNull();
    expect(await sessionRow(sessionId)).toMatchObject({ endedAt: expiredAt, endReason: "expired" });
  });

  it("returns null after logout (endSessions), for that session only", async () => {
    const { user, sessionId } = await openSession();
    const other = await login(user.email, PASSWORD, T0);
    if (!other.ok) throw new Error("second login refused");
    await endSessions({ db, sessionId, reason: "logout", now: at(T0, MINUTE) });
    expect(await getActorBySession({ db, sessionId, now: at(T0, 2 * MINUTE) })).toBeNull();
    expect(await sessionRow(sessionId)).toMatchObject({ endReason: "logout", endedAt: at(T0, MINUTE) });
    expect(await getActorBySession({ db, sessionId: other.sessionId, now: at(T0, 2 * MINUTE) })).not.toBeNull();
  });

  it("endSessions by user ends every open session of that user and no one else's", async () => {
    const { user, sessionId } = await openSession();
    const second = await login(user.email, PASSWORD, T0);
    const bystander = await openSession();
    if (!second.ok) throw new Error("second login refused");
    await endSessions({ db, userId: user.id, reason: "admin", now: at(T0, MINUTE) });
    expect(await getActorBySession({ db, sessionId, now: at(T0, 2 * MINUTE) })).toBeNull();
    expect(await getActorBySession({ db, sessionId: second.sessionId, now: at(T0, 2 * MINUTE) })).toBeNull();
    expect(await getActorBySession({ db, sessionId: bystander.sessionId, now: at(T0, 2 * MINUTE) })).not.toBeNull();
  });

  it("ends the session of a user who has been disabled, and re-enabling does not revive it", async () => {
    const { user, sessionId } = await openSession();
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, user.id));
    expect(await getActorBySession({ db, sessionId, now: at(T0, MINUTE) })).toBeNull();
    expect((await sessionRow(sessionId)).endReason).toBe("account_inactive");
    await db.update(users).set({ status: "active" }).where(eq(users.id, user.id));
    expect(await getActorBySession({ db, sessionId, now: at(T0, 2 * MINUTE) })).toBeNull();
  });

  it("ends sessions opened before a password change, but not those opened after it", async () => {
    const { user, sessionId } = await openSession();
    await db.update(users).set({ passwordChangedAt: at(T0, 5 * MINUTE) }).where(eq(users.id, user.id));
    expect(await getActorBySession({ db, sessionId, now: at(T0, 6 * MINUTE) })).toBeNull();
    expect((await sessionRow(sessionId)).endReason).toBe("password_changed");

    const fresh = await login(user.email, PASSWORD, at(T0, 7 * MINUTE));
    if (!fresh.ok) throw new Error("login after password change refused");
    expect(await getActorBySession({ db, sessionId: fresh.sessionId, now: at(T0, 8 * MINUTE) })).not.toBeNull();
  });

  it("does not write last_seen_at on every request", async () => {
    const { sessionId } = await openSession();
    await getActorBySession({ db, sessionId, now: at(T0, 30_000) });
    expect((await sessionRow(sessionId)).lastSeenAt).toEqual(T0);
    await getActorBySession({ db, sessionId, now: at(T0, 2 * MINUTE) });
    expect((await sessionRow(sessionId)).lastSeenAt).toEqual(at(T0, 2 * MINUTE));
  });

  it("leaves other people's sessions alone when one of them expires", async () => {
    const a = await openSession();
    const b = await openSession(at(T0, 20 * MINUTE));
    expect(await getActorBySession({ db, sessionId: a.sessionId, now: at(T0, 45 * MINUTE) })).toBeNull();
    expect(await getActorBySession({ db, sessionId: b.sessionId, now: at(T0, 45 * MINUTE) })).not.toBeNull();
    expect(await db.$count(userSessions, and(eq(userSessions.userId, b.user.id), gt(userSessions.lastSeenAt, T0)))).toBe(1);
  });
});

describe("a guesser", () => {
  it("learns nothing from a lock: the locked account answers like a wrong password, and its owner is emailed", async () => {
    const user = await makeUser();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(user.email, "wrong", at(T0, i * MINUTE));
    const unknown = await login(`nobody-${randomUUID()}@test.baosong.cn`, PASSWORD, at(T0, 6 * MINUTE));
    expect(await login(user.email, PASSWORD, at(T0, 6 * MINUTE))).toEqual(unknown);
    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, user.id), eq(emailOutbox.kind, "account_locked")));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: user.email, subject: "【河北省教育厅】信息报送平台账号已临时锁定" });
    expect(mails[0].text).toContain("2021年11月22日 09:19");
  });

  it("is stopped for 15 minutes after 20 failures in a minute from one address, whatever the accounts", async () => {
    const accounts = await Promise.all(Array.from({ length: 25 }, () => makeUser()));
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await login(accounts[i].email, "wrong", at(T0, i * 1000)));
    expect(results.slice(0, 20).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[20]).toEqual({ ok: false, reason: "throttled" });
    // Even the right password, from that address, until the block ends; no account was locked by it.
    expect(await login(accounts[21].email, PASSWORD, at(T0, 14 * MINUTE))).toEqual({ ok: false, reason: "throttled" });
    expect((await userById(accounts[21].id)).failedLoginCount).toBe(0);
    const other = await attemptLogin({ db, email: accounts[22].email, password: PASSWORD, ip: "10.0.0.8", userAgent: "vitest", now: at(T0, 14 * MINUTE) });
    expect(other.ok).toBe(true);
    expect((await login(accounts[23].email, PASSWORD, at(T0, 21 * MINUTE))).ok).toBe(true);
  });

  it("counts concurrent failures without losing one", async () => {
    const user = await makeUser();
    await Promise.all(Array.from({ length: 4 }, () => login(user.email, "wrong", T0)));
    expect((await userById(user.id)).failedLoginCount).toBe(4);
  });
});
