import { createHash, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { idsIn, jsonParam } from "@/db/rows";
import { type TokenPurpose, userTokens } from "@/db/schema";

/** How long a link stays usable: 72 hours to activate, 30 minutes to reset a password. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  activation: 72 * 60 * 60 * 1000,
  password_reset: 30 * 60 * 1000,
};

/** Only this hash is stored: a copy of the table does not let anyone use a link. */
export function hashToken(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex");
}

/**
 * A new single-use link for a user; every earlier unused link of the same purpose stops working.
 * Returns the raw token (for the email, which stores it only sealed) and when it expires.
 */
export async function issueToken(
  tx: DbOrTx,
  { userId, ...rest }: { userId: number; purpose: TokenPurpose; actorId: number | null; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const { tokens, expiresAt } = await issueTokens(tx, { userIds: [userId], ...rest });
  return { token: tokens.get(userId)!, expiresAt };
}

/** issueToken for many users at once (an approval's accounts): one statement revokes, one inserts; every link expires together. */
export async function issueTokens(
  tx: DbOrTx,
  { userIds, purpose, actorId, now }: { userIds: number[]; purpose: TokenPurpose; actorId: number | null; now: Date },
): Promise<{ tokens: Map<number, string>; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
  const tokens = new Map(userIds.map((userId) => [userId, randomBytes(32).toString("base64url")]));
  if (userIds.length === 0) return { tokens, expiresAt };
  await tx.execute(sql`
    update user_tokens set revoked_at = ${now.toISOString()}::timestamptz
    where user_id in ${idsIn(userIds)} and purpose = ${purpose}::token_purpose and used_at is null and revoked_at is null`);
  const rows = [...tokens].map(([userId, token]) => ({ user_id: userId, token_hash: hashToken(token) }));
  await tx.execute(sql`
    insert into user_tokens (user_id, purpose, token_hash, expires_at, created_at, created_by)
    select user_id, ${purpose}::token_purpose, token_hash, ${expiresAt.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${actorId}::int
    from jsonb_to_recordset(${jsonParam(rows)}) as v(user_id int, token_hash text)`);
  return { tokens, expiresAt };
}

export type TokenCheck =
  | { ok: true; tokenId: number; userId: number }
  | { ok: false; reason: "unknown" | "used" | "revoked" | "expired" };

/** Whether a link can still be used; with `lock`, the token row stays locked until the transaction ends. */
export async function checkToken(
  db: DbOrTx,
  { token, purpose, now, lock = false }: { token: string; purpose: TokenPurpose; now: Date; lock?: boolean },
): Promise<TokenCheck> {
  const query = db
    .select()
    .from(userTokens)
    .where(and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, purpose)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, tokenId: row.id, userId: row.userId };
}

export async function markTokenUsed(tx: DbOrTx, tokenId: number, now: Date): Promise<void> {
  await tx.update(userTokens).set({ usedAt: now }).where(eq(userTokens.id, tokenId));
}
