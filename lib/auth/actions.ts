"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { getDb } from "@/db";
import { recordAudit } from "@/lib/core/audit";
import { type FieldErrors, toFieldErrors } from "@/lib/core/errors";
import { env } from "@/lib/env";
import { signIn, signOut } from "./config";
import { getSignedIn, inRequest } from "./current";
import { loginSchema, safeNextPath } from "./schemas";
import { endSessions } from "./sessions";
import { LOCK_DURATION_MS, MAX_FAILED_LOGINS } from "./login";
import { LOGIN_FAILURES_PER_ADDRESS } from "./throttle";

export type LoginState = { formError?: string; fieldErrors?: FieldErrors; email?: string };

// A locked account gets the wrong-password answer: the lock is told to its owner by email, not to whoever is guessing.
const LOGIN_MESSAGES: Record<string, string> = {
  invalid: `邮箱或密码不正确，请核对后重新输入。连续 ${MAX_FAILED_LOGINS} 次输错，账号将锁定 ${LOCK_DURATION_MS / 60000} 分钟。`,
  throttled: LOGIN_FAILURES_PER_ADDRESS.message,
};

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ...toFieldErrors(parsed.error), email: String(formData.get("email") ?? "") };
  const { email, password, next } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeNextPath(next, env().APP_URL) });
    return {};
  } catch (error) {
    // A successful signIn throws Next's redirect, which must propagate.
    if (error instanceof CredentialsSignin) return { formError: LOGIN_MESSAGES[error.code] ?? LOGIN_MESSAGES.invalid, email };
    if (error instanceof AuthError) return { formError: "登录暂时无法完成，请稍后再试。", email };
    throw error;
  }
}

/** Ends the session on the server first, so the cookie alone can never bring it back. */
export async function logout(): Promise<void> {
  // A person held at a gate can sign out too.
  const actor = (await getSignedIn())?.actor;
  if (actor) {
    const now = new Date();
    await inRequest((ip) =>
      getDb().transaction(async (tx) => {
        await endSessions({ db: tx, sessionId: actor.sessionId, reason: "logout", now });
        await recordAudit(tx, {
          action: "auth.logout",
          outcome: "success",
          userId: actor.userId,
          role: actor.role,
          unitId: actor.unitId,
          targetType: "user",
          targetId: actor.userId,
          ip,
          at: now,
        });
      }),
    );
  }
  await signOut({ redirectTo: "/login" });
}
