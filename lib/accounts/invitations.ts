import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { idsIn } from "@/db/rows";
import { units, users } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { ROLE_LABELS } from "@/lib/core/roles";
import { env } from "@/lib/env";
import { enqueueEmails } from "@/lib/mail/outbox";
import { renderEmail } from "@/lib/mail/render";
import { formatDateTime } from "@/lib/time";
import { issueTokens } from "./tokens";

export const ACTIVATION_EMAIL_KIND = "activation";

/**
 * Sends an invited user a new activation link (valid 72 hours; earlier links stop working), queued in
 * the caller's transaction. The email names the login and the link, never a password.
 */
export async function sendActivation(
  tx: DbOrTx,
  { userId, actorId, now }: { userId: number; actorId: number | null; now: Date },
): Promise<{ outboxId: number | null; expiresAt: Date }> {
  const [sent] = await sendActivations(tx, { userIds: [userId], actorId, now });
  return sent;
}

/** sendActivation for many invited users at once (an approval's new accounts): a few statements whatever their number. */
export async function sendActivations(
  tx: DbOrTx,
  { userIds, actorId, now }: { userIds: number[]; actorId: number | null; now: Date },
): Promise<{ outboxId: number | null; expiresAt: Date }[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .select({
      user: { id: users.id, email: users.email, name: users.name, role: users.role, status: users.status, unitId: users.unitId },
      unitName: units.name,
      // Named as its unit's administrator in an approved table, or invited to work on the portal (a city's delegate, a province's staff).
      administrator: sql<boolean>`exists (select 1 from roster_entries e where e.issued_user_id = ${users.id})`,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(sql`${users.id} in ${idsIn(userIds)}`);
  const byId = new Map(rows.map((row) => [row.user.id, row]));
  const recipients = userIds.map((id) => {
    const row = byId.get(id);
    if (!row) throw notFound();
    const { user } = row;
    if (user.status !== "invited") throw new DomainError(`账号 ${user.email} ${user.status === "active" ? "已激活" : "已停用或锁定"}，不能发送激活邮件。`);
    return row;
  });

  const { tokens, expiresAt } = await issueTokens(tx, { userIds, purpose: "activation", actorId, now });
  const until = formatDateTime(expiresAt);
  const emails = recipients.map(({ user, unitName, administrator }) => {
    const url = `${env().APP_URL}/activate?token=${encodeURIComponent(tokens.get(user.id)!)}`;
    const email = renderEmail({
      subject: "【河北省教育厅】信息报送平台账号开通通知",
      greeting: `${user.name}同志：`,
      paragraphs: [
        administrator
          ? `您已被确定为「${unitName}」的系统管理员，省级系统已为您开通账号（${ROLE_LABELS[user.role]}）。`
          : `信息报送平台已为您开通「${unitName}」的账号（${ROLE_LABELS[user.role]}）。`,
        `登录账号：${user.email}`,
        `请点击下方链接设置登录密码并激活账号。链接仅可使用一次，${until} 前有效；过期后请联系${administrator ? "省级审核员" : "为您开通账号的单位"}重新发送。`,
        "本邮件不含密码，任何人向您索要密码或验证链接，请勿提供。",
      ],
      action: { label: "设置密码并激活账号", url, secret: true },
    });
    return { ...email, to: user.email, kind: ACTIVATION_EMAIL_KIND, userId: user.id, unitId: user.unitId, at: now };
  });
  // Activation emails have no dedupe key: every one is queued, in order.
  const outboxIds = await enqueueEmails(tx, emails);
  return userIds.map((_, i) => ({ outboxId: outboxIds[i] ?? null, expiresAt }));
}
