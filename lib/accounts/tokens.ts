import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
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
  { userId, purpose, actorId, now }: { userId: number; purpose: TokenPurpose; actorId: number | null; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  await tx
    .update(userTokens)
    .set({ revokedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), isNull(userTokens.revokedAt)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
  await tx.insert(userTokens).values({ userId, purpose, tokenHash: hashToken(token), expiresAt, createdAt: now, createdBy: actorId });
  return { token, expiresAt };
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
