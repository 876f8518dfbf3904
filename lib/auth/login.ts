import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users, userSessions } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { burnPasswordCheck, verifyPassword } from "./password";

export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

export type LoginResult = { ok: true; sessionId: string; userId: number } | { ok: false; reason: "invalid" | "locked" };

type LoginAttempt = { db: Db; email: string; password: string; ip: string | null; userAgent: string | null; now: Date };

/**
 * Checks a password and opens a server-side session. Unknown, inactive and wrong-password
 * attempts look alike (same answer, same hashing work); 5 failures in 15 minutes lock the account for 15 minutes.
 */
export async function attemptLogin({ db, email, password, ip, userAgent, now }: LoginAttempt): Promise<LoginResult> {
  const login = email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${login}`)
      .for("update");
    const audit = (action: string, outcome: "success" | "rejected", detail: Record<string, unknown> = {}) =>
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

    if (!user || !user.passwordHash || user.status !== "active") {
      await burnPasswordCheck(password);
      await audit("auth.login", "rejected", { reason: user ? `status_${user.status}` : "unknown_email" });
      return { ok: false, reason: "invalid" } as const;
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await burnPasswordCheck(password);
      await audit("auth.login", "rejected", { reason: "locked" });
      return { ok: false, reason: "locked" } as const;
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const windowStart = user.failureWindowStartedAt && now.getTime() - user.failureWindowStartedAt.getTime() < FAILURE_WINDOW_MS ? user.failureWindowStartedAt : now;
      const failures = (windowStart === now ? 0 : user.failedLoginCount) + 1;
      const lock = failures >= MAX_FAILED_LOGINS;
      await tx
        .update(users)
        .set({
          failedLoginCount: lock ? 0 : failures,
          failureWindowStartedAt: lock ? null : windowStart,
          lockedUntil: lock ? new Date(now.getTime() + LOCK_DURATION_MS) : user.lockedUntil,
        })
        .where(eq(users.id, user.id));
      await audit("auth.login", "rejected", { reason: "wrong_password", failures });
      if (lock) await audit("auth.lock", "success", { failures, minutes: LOCK_DURATION_MS / 60000 });
      return { ok: false, reason: lock ? "locked" : "invalid" } as const;
    }

    await tx
      .update(users)
      .set({ failedLoginCount: 0, failureWindowStartedAt: null, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    const [session] = await tx
      .insert(userSessions)
      .values({ userId: user.id, createdAt: now, lastSeenAt: now, ip, userAgent })
      .returning({ id: userSessions.id });
    await audit("auth.login", "success");
    return { ok: true, sessionId: session.id, userId: user.id } as const;
  });
}
