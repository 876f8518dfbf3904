// Enrolling and giving the second factor, both from the session's own gate. A wrong code is counted on
// the session and kept although the command refuses; the fifth ends the session.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { userRecoveryCodes, userSecondFactors, userSessions } from "@/db/schema";
import {
  hashRecoveryCode,
  isTotpCode,
  MAX_SECOND_FACTOR_FAILURES,
  newRecoveryCodes,
  openEnrolment,
  openTotpSecret,
  sealTotpSecret,
  totpStepOf,
  usesSecondFactor,
} from "@/lib/auth/second-factor";
import { endSessions } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/core/actor";
import { DomainError } from "@/lib/core/errors";

type Session = typeof userSessions.$inferSelect;

/** The actor's own session, row-locked: concurrent codes from one session are checked one after the other. */
async function lockSession(tx: Tx, actor: Actor): Promise<Session> {
  const [session] = await tx
    .select()
    .from(userSessions)
    .where(and(eq(userSessions.id, actor.sessionId), eq(userSessions.userId, actor.userId), isNull(userSessions.endedAt)))
    .for("update");
  if (!session) throw new DomainError("登录已失效，请重新登录。");
  return session;
}

/** Counts a wrong code on the session and refuses, keeping the count; the fifth ends the session. */
async function refuseCode(tx: Tx, session: Session, now: Date, message: string, reason: string): Promise<never> {
  const failures = session.secondFactorFailures + 1;
  await tx.update(userSessions).set({ secondFactorFailures: failures }).where(eq(userSessions.id, session.id));
  if (failures >= MAX_SECOND_FACTOR_FAILURES) {
    await endSessions({ db: tx, sessionId: session.id, reason: "second_factor_failures", now });
    throw new DomainError(`验证码已连续输错 ${MAX_SECOND_FACTOR_FAILURES} 次，本次登录已结束。请重新登录。`, {
      keepWrites: true,
      detail: { reason, failures, sessionEnded: true },
    });
  }
  throw new DomainError("", {
    keepWrites: true,
    fieldErrors: { code: `${message}（还可尝试 ${MAX_SECOND_FACTOR_FAILURES - failures} 次）` },
    detail: { reason, failures },
  });
}

async function passSession(tx: Tx, session: Session, now: Date): Promise<void> {
  await tx.update(userSessions).set({ secondFactorAt: now, secondFactorFailures: 0 }).where(eq(userSessions.id, session.id));
}

/**
 * Stores the authenticator's secret once a code from it matches, with 10 new recovery codes (returned
 * here, the only time they exist in the clear), and lets this session through.
 */
export async function enrolSecondFactor(tx: Tx, actor: Actor, { enrolment, code }: { enrolment: string; code: string }, now: Date): Promise<{ recoveryCodes: string[] }> {
  if (!usesSecondFactor(actor.role)) throw new DomainError("您的账号无需设置两步验证。");
  const session = await lockSession(tx, actor);
  const [enrolled] = await tx.select({ userId: userSecondFactors.userId }).from(userSecondFactors).where(eq(userSecondFactors.userId, actor.userId));
  if (enrolled) throw new DomainError("您的账号已设置两步验证，请刷新页面后输入验证码。");
  const secret = openEnrolment(actor, enrolment);
  if (!secret) throw new DomainError("设置页面已失效，请刷新页面后重新扫描二维码。", { detail: { reason: "enrolment_unreadable" } });
  const step = totpStepOf(secret, code, now);
  if (step === null) return refuseCode(tx, session, now, "验证码不正确，请确认身份验证器已添加本页的二维码，并输入当前显示的 6 位数字", "wrong_code");

  await tx.insert(userSecondFactors).values({ userId: actor.userId, secretSealed: sealTotpSecret(actor.userId, secret), lastUsedStep: step, enrolledAt: now });
  const recoveryCodes = newRecoveryCodes();
  await tx.insert(userRecoveryCodes).values(recoveryCodes.map((c) => ({ userId: actor.userId, codeHash: hashRecoveryCode(c) })));
  await passSession(tx, session, now);
  return { recoveryCodes };
}

/** A code from the authenticator (each accepted once) or an unused recovery code lets this session through. */
export async function verifySecondFactor(tx: Tx, actor: Actor, { code }: { code: string }, now: Date): Promise<{ method: "totp" | "recovery"; recoveryCodesLeft: number }> {
  const session = await lockSession(tx, actor);
  if (session.secondFactorAt) throw new DomainError("本次登录已完成两步验证。");
  const [factor] = await tx.select().from(userSecondFactors).where(eq(userSecondFactors.userId, actor.userId)).for("update");
  if (!factor) throw new DomainError("您的账号尚未设置两步验证，请刷新页面。");

  let method: "totp" | "recovery";
  if (isTotpCode(code)) {
    const secret = openTotpSecret(actor.userId, factor.secretSealed);
    if (!secret) throw new Error(`the second factor of user ${actor.userId} does not open with this AUTH_SECRET`);
    const step = totpStepOf(secret, code, now);
    if (step === null) return refuseCode(tx, session, now, "验证码不正确，请输入身份验证器当前显示的 6 位数字", "wrong_code");
    if (step <= factor.lastUsedStep) return refuseCode(tx, session, now, "该验证码已使用过，请等待身份验证器显示新的验证码后输入", "reused_code");
    await tx.update(userSecondFactors).set({ lastUsedStep: step }).where(eq(userSecondFactors.userId, actor.userId));
    method = "totp";
  } else {
    const [used] = await tx
      .update(userRecoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(userRecoveryCodes.userId, actor.userId), eq(userRecoveryCodes.codeHash, hashRecoveryCode(code)), isNull(userRecoveryCodes.usedAt)))
      .returning({ id: userRecoveryCodes.id });
    if (!used) return refuseCode(tx, session, now, "恢复码不正确或已使用过，请核对后重新输入", "wrong_recovery_code");
    method = "recovery";
  }
  await passSession(tx, session, now);
  const [{ left }] = await tx
    .select({ left: sql<number>`count(*)::int` })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, actor.userId), isNull(userRecoveryCodes.usedAt)));
  return { method, recoveryCodesLeft: left };
}
