import { and, eq, gt } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, type Role, userRecoveryCodes, users, userSecondFactors, userSessions } from "@/db/schema";
import { DEMO_LOGINS, seedDatabase } from "@/db/seed";
import { enrolSecondFactorCommand, verifySecondFactorCommand } from "@/lib/accounts/commands";
import { attemptLogin } from "@/lib/auth/login";
import { newTotpSecret, openTotpSecret, sealEnrolment } from "@/lib/auth/second-factor";
import { getSignedInBySession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/core/actor";
import { executeCommand } from "@/lib/core/command";
import { resetSecondFactorCommand } from "@/lib/users/commands";
import { addActiveUser } from "../support/accounts";
import { actorFor, lastAuditId } from "../support/actors";
import { testDb } from "../support/database";

const { db } = testDb();
const NOW = new Date("2021-11-22T02:00:15Z");
const STEP_MS = 30_000;
const PASSWORD = "Kp4$wq9!Lm2z";

beforeAll(() => seedDatabase(db, { now: NOW }));

const at = (steps: number) => new Date(NOW.getTime() + steps * STEP_MS);
const codeAt = (secret: string, when: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: when.getTime() });

async function makeUser(role: Role) {
  return (await addActiveUser(db, { role, password: PASSWORD, passwordChangedAt: NOW, prefix: "mfa" })).email;
}

/** Signs in with the password and returns the session's actor (as the gate page would see it) and its gate. */
async function signIn(email: string, now = NOW) {
  const opened = await attemptLogin({ db, email, password: PASSWORD, ip: "10.0.0.5", userAgent: "vitest", now });
  if (!opened.ok) throw new Error("login failed");
  const signedIn = await getSignedInBySession({ db, sessionId: opened.sessionId, now });
  if (!signedIn) throw new Error("no session");
  return signedIn;
}

const gateOf = async (actor: Actor, now = NOW) => (await getSignedInBySession({ db, sessionId: actor.sessionId, now }))?.gate;
const enrol = (actor: Actor, input: unknown, now = NOW) => executeCommand(enrolSecondFactorCommand, input, { db, actor, ip: "10.0.0.5", now });
const verify = (actor: Actor, code: string, now = NOW) => executeCommand(verifySecondFactorCommand, { code }, { db, actor, ip: "10.0.0.5", now });

/** A signed-in, enrolled privileged account: its secret and recovery codes. */
async function enrolled(role: Role = "province_reviewer") {
  const email = await makeUser(role);
  const { actor } = await signIn(email);
  const secret = newTotpSecret();
  const result = await enrol(actor, { enrolment: sealEnrolment(actor, secret), code: codeAt(secret, NOW) });
  if (!result.ok) throw new Error(`enrolment failed: ${JSON.stringify(result)}`);
  return { email, actor, secret, recoveryCodes: result.data.recoveryCodes };
}

describe("enrolment on first sign-in", () => {
  it("holds every privileged role at the enrolment gate, before the password-age gate, and never a filler by default", async () => {
    for (const role of ["province_admin", "province_reviewer", "auditor", "security_admin"] as const) {
      expect((await signIn(await makeUser(role))).gate, role).toBe("second_factor_enrol");
    }
    expect((await signIn(await makeUser("city_officer"))).gate).toBeNull();
    const aged = await makeUser("province_admin");
    await db.update(users).set({ passwordChangedAt: new Date(NOW.getTime() - 100 * 24 * 3600 * 1000) }).where(eq(users.email, aged));
    expect((await signIn(aged)).gate).toBe("second_factor_enrol");
  });

  it("stores the secret sealed and 10 hashed recovery codes once a code from the authenticator matches, and lets the session through", async () => {
    const mark = await lastAuditId(db);
    const { actor, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await gateOf(actor)).toBeNull();

    const [factor] = await db.select().from(userSecondFactors).where(eq(userSecondFactors.userId, actor.userId));
    expect(factor.secretSealed).not.toContain(secret);
    expect(openTotpSecret(actor.userId, factor.secretSealed)).toBe(secret);
    expect(openTotpSecret(actor.userId + 1, factor.secretSealed)).toBeNull();
    const stored = await db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, actor.userId));
    expect(stored).toHaveLength(10);
    const text = JSON.stringify(stored);
    for (const code of recoveryCodes) expect(text).not.toContain(code.replace("-", ""));

    const audits = await db.select().from(auditLog).where(gt(auditLog.id, mark));
    const enrolment = audits.find((a) => a.action === "account.enrol_second_factor");
    expect(enrolment).toMatchObject({ outcome: "success", userId: actor.userId, targetType: "user" });
    const logged = JSON.stringify(audits);
    expect(logged).not.toContain(secret);
    for (const code of recoveryCodes) expect(logged).not.toContain(code);
  });

  it("refuses a wrong code and counts it; refuses an enrolment page another session was given", async () => {
    const email = await makeUser("province_reviewer");
    const { actor } = await signIn(email);
    const secret = newTotpSecret();
    const wrong = await enrol(actor, { enrolment: sealEnrolment(actor, secret), code: codeAt(secret, at(5)) });
    expect(wrong).toEqual({ ok: false, fieldErrors: { code: expect.stringContaining("还可尝试 4 次") } });
    const [session] = await db.select().from(userSessions).where(eq(userSessions.id, actor.sessionId));
    expect(session.secondFactorFailures).toBe(1);

    const { actor: other } = await signIn(email);
    const stolen = await enrol(other, { enrolment: sealEnrolment(actor, secret), code: codeAt(secret, NOW) });
    expect(stolen).toMatchObject({ ok: false, formError: expect.stringContaining("设置页面已失效") });
    expect(await db.$count(userSecondFactors, eq(userSecondFactors.userId, actor.userId))).toBe(0);
    expect(await gateOf(actor)).toBe("second_factor_enrol");
  });

  it("refuses a filler while FILLER_SECOND_FACTOR is off", async () => {
    const { actor } = await signIn(await makeUser("city_officer"));
    const secret = newTotpSecret();
    expect(await enrol(actor, { enrolment: sealEnrolment(actor, secret), code: codeAt(secret, NOW) })).toEqual({ ok: false, formError: "您的账号无需设置两步验证。" });
  });
});

describe("the code after the password", () => {
  it("holds an enrolled account at the gate until a code is given; each code is accepted once, one step either side", async () => {
    const { email, secret } = await enrolled();
    const { actor, gate } = await signIn(email, at(1));
    expect(gate).toBe("second_factor");

    // The code enrolment used (step 0) is spent, so is any older one; two steps ahead is out of the window.
    expect(await verify(actor, codeAt(secret, NOW), at(1))).toEqual({ ok: false, fieldErrors: { code: expect.stringContaining("该验证码已使用过") } });
    expect(await verify(actor, codeAt(secret, at(3)), at(1))).toEqual({ ok: false, fieldErrors: { code: expect.stringContaining("验证码不正确") } });
    expect(await verify(actor, codeAt(secret, at(2)), at(1))).toMatchObject({ ok: true, data: { method: "totp", recoveryCodesLeft: 10 } });
    expect(await gateOf(actor, at(1))).toBeNull();

    // Another session in the same half-minute cannot reuse it, nor the one before it.
    const { actor: second } = await signIn(email, at(2));
    expect(await verify(second, codeAt(secret, at(2)), at(2))).toMatchObject({ ok: false, fieldErrors: { code: expect.stringContaining("该验证码已使用过") } });
    expect(await verify(second, codeAt(secret, at(1)), at(2))).toMatchObject({ ok: false });
    expect(await verify(second, codeAt(secret, at(3)), at(2))).toMatchObject({ ok: true });
  });

  it("takes a recovery code once instead", async () => {
    const { email, recoveryCodes } = await enrolled();
    const { actor } = await signIn(email);
    expect(await verify(actor, recoveryCodes[3].toUpperCase(), NOW)).toMatchObject({ ok: true, data: { method: "recovery", recoveryCodesLeft: 9 } });
    const { actor: again } = await signIn(email);
    expect(await verify(again, recoveryCodes[3], NOW)).toMatchObject({ ok: false, fieldErrors: { code: expect.stringContaining("恢复码不正确或已使用过") } });
    expect(await gateOf(again)).toBe("second_factor");
  });

  it("ends the session at the fifth wrong code, keeping the count through every refusal, audited", async () => {
    const { email, secret } = await enrolled();
    const { actor } = await signIn(email, at(4));
    const mark = await lastAuditId(db);
    for (let i = 1; i <= 4; i++) {
      expect(await verify(actor, "000000", at(4))).toEqual({ ok: false, fieldErrors: { code: expect.stringContaining(`还可尝试 ${5 - i} 次`) } });
    }
    expect(await verify(actor, "wrong-code", at(4))).toEqual({ ok: false, formError: "验证码已连续输错 5 次，本次登录已结束。请重新登录。" });
    const [session] = await db.select().from(userSessions).where(eq(userSessions.id, actor.sessionId));
    expect(session).toMatchObject({ secondFactorFailures: 5, endReason: "second_factor_failures", endedAt: at(4), secondFactorAt: null });
    expect(await getSignedInBySession({ db, sessionId: actor.sessionId, now: at(4) })).toBeNull();
    // The right code comes too late for this session.
    expect(await verify(actor, codeAt(secret, at(4)), at(4))).toEqual({ ok: false, formError: "登录已失效，请重新登录。" });

    const audits = await db.select().from(auditLog).where(and(gt(auditLog.id, mark), eq(auditLog.action, "account.verify_second_factor")));
    expect(audits.slice(0, 5).map((a) => [a.outcome, a.detail.failures])).toEqual([1, 2, 3, 4, 5].map((n) => ["rejected", n]));
    expect(audits[4].detail).toMatchObject({ reason: "wrong_recovery_code", sessionEnded: true });
  });
});

describe("resetting a second factor", () => {
  const securityEmail = DEMO_LOGINS.find((l) => l.role === "security_admin")!.email;

  it("removes the factor and its codes, ends every session of the account, audited; the next sign-in enrols afresh", async () => {
    const { email, actor } = await enrolled("province_admin");
    const security = await actorFor(db, securityEmail);
    const result = await executeCommand(resetSecondFactorCommand, { userId: actor.userId }, { db, actor: security, ip: "10.0.0.6", now: at(1) });
    expect(result).toEqual({ ok: true, data: { reset: true } });
    expect(await db.$count(userSecondFactors, eq(userSecondFactors.userId, actor.userId))).toBe(0);
    expect(await db.$count(userRecoveryCodes, eq(userRecoveryCodes.userId, actor.userId))).toBe(0);
    const [session] = await db.select().from(userSessions).where(eq(userSessions.id, actor.sessionId));
    expect(session).toMatchObject({ endReason: "second_factor_reset" });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "user.reset_second_factor"), eq(auditLog.targetId, String(actor.userId))));
    expect(audit).toMatchObject({ outcome: "success", userId: security.userId, role: "security_admin", detail: { recoveryCodesLeft: 10 } });
    expect((await signIn(email, at(2))).gate).toBe("second_factor_enrol");
  });
});
