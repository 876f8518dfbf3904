import type { AuditAction } from "@/lib/core/audit-actions";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { type User, users, userSessions } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderEmail } from "@/lib/mail/render";
import { formatDateTime } from "@/lib/time";
import { burnPasswordCheck, verifyPassword } from "./password";
import { countAttempt, isThrottled, LOGIN_FAILURES_PER_ADDRESS } from "./throttle";

export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

/** "invalid" covers every refusal a guesser could learn from: unknown, inactive, locked, wrong password. */
export type LoginResult = { ok: true; sessionId: string; userId: number } | { ok: false; reason: "invalid" | "throttled" };

type LoginAttempt = { db: Db; email: string; password: string; ip: string | null; userAgent: string | null; now: Date };

const throttleKey = (ip: string) => `login:${ip}`;

/**
 * Checks a password and opens a server-side session. The password is verified outside any transaction
 * and without row locks, so a burst of logins holds no connection idle and blocks nobody. Unknown,
 * inactive, locked and wrong-password attempts look alike (same answer, same hashing work); 5 failures
 * in 15 minutes lock the account for 15 minutes and tell its owner; over 20 failures a minute from one
 * address stop that address for 15 minutes.
 */
export async function attemptLogin({ db, email, password, ip, userAgent, now }: LoginAttempt): Promise<LoginResult> {
  const login = email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${login}`);
  const audit = (tx: Tx | Db, action: AuditAction, outcome: "success" | "rejected", detail: Record<string, unknown> = {}) =>
    recordAudit(tx, {
      action,
      outcome,
      userId: user?.id ?? null,
      role: user?.role ?? null,
      unitId: user?.unitId ?? null,
      targetType: "user",
      targetId: user?.id ?? null,
      ip,
      at: now,
      detail: user ? detail : { ...detail, email: login },
    });

  if (ip && (await isThrottled(db, throttleKey(ip), now))) {
    await audit(db, "auth.login", "rejected", { reason: "throttled" });
    return { ok: false, reason: "throttled" };
  }

  const usable = user?.passwordHash && user.status === "active" ? user : null;
  const locked = Boolean(usable?.lockedUntil && usable.lockedUntil > now);
  // A locked account's password is still verified: it must cost what a wrong one costs.
  const matches = usable ? await verifyPassword(usable.passwordHash as string, password) : (await burnPasswordCheck(password), false);

  if (!usable || locked || !matches) {
    const reason = !user ? "unknown_email" : !usable ? `status_${user.status}` : locked ? "locked" : "wrong_password";
    const throttled = await db.transaction(async (tx) => {
      if (usable && !locked) {
        const failure = await countFailure(tx, usable.id, now);
        await audit(tx, "auth.login", "rejected", { reason, failures: failure.failures });
        if (failure.locked) {
          await audit(tx, "auth.lock", "success", { failures: MAX_FAILED_LOGINS, minutes: LOCK_DURATION_MS / 60000 });
          await enqueueEmail(tx, { ...lockedEmail(usable, new Date(now.getTime() + LOCK_DURATION_MS)), to: usable.email, kind: "account_locked", userId: usable.id, unitId: usable.unitId, at: now });
        }
      } else await audit(tx, "auth.login", "rejected", { reason });
      return ip ? countAttempt(tx, throttleKey(ip), LOGIN_FAILURES_PER_ADDRESS, now) : false;
    });
    return { ok: false, reason: throttled ? "throttled" : "invalid" };
  }

  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, failureWindowStartedAt: null, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, usable.id));
    const [session] = await tx.insert(userSessions).values({ userId: usable.id, createdAt: now, lastSeenAt: now, ip, userAgent }).returning({ id: userSessions.id });
    await audit(tx, "auth.login", "success");
    return { ok: true, sessionId: session.id, userId: usable.id } as const;
  });
}

/**
 * One more failure in the account's window, counted in a single statement so that concurrent failures
 * are never lost although no row lock is held while hashing; the fifth locks the account.
 */
async function countFailure(tx: Tx, userId: number, now: Date): Promise<{ failures: number; locked: boolean }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const inWindow = sql`failure_window_started_at is not null and failure_window_started_at > ${at} - ${`${FAILURE_WINDOW_MS} milliseconds`}::interval`;
  const failures = sql`case when ${inWindow} then failed_login_count + 1 else 1 end`;
  const lock = sql`${failures} >= ${MAX_FAILED_LOGINS}`;
  const row = await queryRow(tx, { failures: col.int, locked: col.bool }, sql`
    update users set
      failed_login_count = case when ${lock} then 0 else ${failures} end,
      failure_window_started_at = case when ${lock} then null when ${inWindow} then failure_window_started_at else ${at} end,
      locked_until = case when ${lock} then ${at} + ${`${LOCK_DURATION_MS} milliseconds`}::interval else locked_until end
    where id = ${userId}
    returning coalesce(locked_until > ${at}, false) as locked, case when failed_login_count = 0 then ${MAX_FAILED_LOGINS} else failed_login_count end as failures`);
  return row ?? { failures: 0, locked: false };
}

function lockedEmail(user: Pick<User, "name" | "email">, until: Date) {
  return renderEmail({
    subject: "【河北省教育厅】信息报送平台账号已临时锁定",
    greeting: `${user.name}同志：`,
    paragraphs: [
      `您的账号 ${user.email} 连续 ${MAX_FAILED_LOGINS} 次密码输入错误，已临时锁定至 ${formatDateTime(until)}（北京时间）。`,
      "如果不是您本人在尝试登录，说明有人在猜测您的密码：请在锁定解除后登录并修改密码，或联系省教育厅职成教处。",
      "如果是您本人忘记了密码，可在登录页点击「忘记密码？」重新设置。",
    ],
  });
}
