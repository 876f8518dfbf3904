import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db";
import { passwordResetRequests, type User, users, userTokens } from "@/db/schema";
import { countAttempt, RESETS_PER_ADDRESS, RESETS_PER_EMAIL } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/core/audit";
import { type ActionResult, toFieldErrors } from "@/lib/core/errors";
import { env } from "@/lib/env";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderEmail } from "@/lib/mail/render";
import { formatDateTime } from "@/lib/time";
import { forgotPasswordSchema } from "./schemas";
import { issueToken } from "./tokens";

/** The one answer, whether or not the email belongs to an account: nobody can probe for logins. */
export const RESET_REQUESTED_MESSAGE = "如果该邮箱已注册并已激活，重置密码的链接已发送到该邮箱，30 分钟内有效。请查收邮件（包括垃圾邮件箱）。";

/** A second request within this time sends nothing more: a form cannot be used to flood a mailbox. */
const RESEND_INTERVAL_MS = 60 * 1000;

/**
 * 「忘记密码」: queues the request and answers the same in every case. The form does the same work
 * whether or not the email has an account (nobody can time it to probe for logins); the worker decides
 * whether a link goes out (processPasswordResetRequests). 5 requests an hour per address and 3 per email.
 */
export async function requestPasswordReset({ db, input, ip, now }: { db: Db; input: unknown; ip: string | null; now: Date }): Promise<ActionResult<{ message: string }>> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, ...toFieldErrors(parsed.error) };
  const { email } = parsed.data;
  const keys = [...(ip ? [{ key: `reset:ip:${ip}`, rule: RESETS_PER_ADDRESS }] : []), { key: `reset:email:${email}`, rule: RESETS_PER_EMAIL }];
  return db.transaction(async (tx) => {
    for (const { key, rule } of keys) {
      if (await countAttempt(tx, key, rule, now)) {
        await recordAudit(tx, { action: "account.request_reset", outcome: "rejected", ip, at: now, detail: { reason: "throttled", email } });
        return { ok: false, formError: rule.message };
      }
    }
    await tx.insert(passwordResetRequests).values({ email, ip, requestedAt: now });
    return { ok: true, data: { message: RESET_REQUESTED_MESSAGE } };
  });
}

/** The worker's half of 「忘记密码」: a reset link for each queued request whose email is an active account. */
export async function processPasswordResetRequests({ db, now }: { db: Db; now: Date }): Promise<number> {
  return db.transaction(async (tx) => {
    const requests = await tx
      .select()
      .from(passwordResetRequests)
      .where(isNull(passwordResetRequests.processedAt))
      .orderBy(asc(passwordResetRequests.id))
      .limit(100)
      .for("update", { skipLocked: true });
    for (const request of requests) {
      await answerResetRequest(tx, request, now);
      await tx.update(passwordResetRequests).set({ processedAt: now }).where(eq(passwordResetRequests.id, request.id));
    }
    return requests.length;
  });
}

async function answerResetRequest(tx: Tx, { email, ip, requestedAt }: { email: string; ip: string | null; requestedAt: Date }, now: Date): Promise<void> {
  const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const audit = { action: "account.request_reset" as const, ip, at: requestedAt, userId: user?.id, role: user?.role, unitId: user?.unitId, targetType: "user", targetId: user?.id };
  if (!user || user.status !== "active") {
    await recordAudit(tx, { ...audit, outcome: "rejected", detail: user ? { reason: `status_${user.status}` } : { reason: "unknown_email", email } });
    return;
  }
  const [latest] = await tx
    .select({ createdAt: userTokens.createdAt })
    .from(userTokens)
    .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, "password_reset")))
    .orderBy(desc(userTokens.createdAt))
    .limit(1);
  if (latest && requestedAt.getTime() - latest.createdAt.getTime() < RESEND_INTERVAL_MS) {
    await recordAudit(tx, { ...audit, outcome: "rejected", detail: { reason: "too_soon" } });
    return;
  }
  const { expiresAt } = await sendPasswordReset(tx, { user, actorId: null, now: requestedAt });
  await recordAudit(tx, { ...audit, outcome: "success", detail: { expiresAt: expiresAt.toISOString(), processedAt: now.toISOString() } });
}

/** Queues a reset link (30 minutes, single use; earlier reset links stop working) for an active account, in the caller's transaction. */
export async function sendPasswordReset(
  tx: DbOrTx,
  { user, actorId, now }: { user: Pick<User, "id" | "email" | "name" | "unitId">; actorId: number | null; now: Date },
): Promise<{ expiresAt: Date }> {
  const { token, expiresAt } = await issueToken(tx, { userId: user.id, purpose: "password_reset", actorId, now });
  const mail = renderEmail({
    subject: "【河北省教育厅】信息报送平台重置密码",
    greeting: `${user.name}同志：`,
    paragraphs: [
      `我们收到了为账号 ${user.email} 重置密码的申请。`,
      `请点击下方链接设置新密码。链接仅可使用一次，${formatDateTime(expiresAt)} 前有效。`,
      "如果不是您本人申请，请忽略本邮件，您的密码不会改变。",
    ],
    action: { label: "设置新密码", url: `${env().APP_URL}/reset-password?token=${encodeURIComponent(token)}`, secret: true },
  });
  await enqueueEmail(tx, { ...mail, to: user.email, kind: "password_reset", userId: user.id, unitId: user.unitId, at: now });
  return { expiresAt };
}
