import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { desc, eq } from "drizzle-orm";
import { pinyin } from "pinyin-pro";
import type { DbOrTx, Tx } from "@/db";
import { passwordHistory, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "./password-rules";

/** A new password may not be any of this many most recent ones. */
export const PASSWORD_HISTORY_DEPTH = 5;

/** zxcvbn's 0–4 scale: below 3 a password falls to an online or cheap offline guess. */
const MIN_STRENGTH = 3;

/** Words anyone would try first against a Hebei education account. */
const PLACE_WORDS = ["河北", "hebei", "教育厅", "jiaoyuting", "职成教", "baosong", "报送"];

/** Administrative suffixes left off a unit's name to find the place or school it is named after. */
const UNIT_SUFFIX = /(省|市|区|县)?(教育局|教育和体育局|教育体育局|公共服务局|教育厅)$/u;

let checker: ZxcvbnFactory | undefined;

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "");
}

function pinyinOf(text: string): string {
  return pinyin(text, { toneType: "none", separator: "", nonZh: "consecutive" });
}

/** What a guesser knows about this person: the province, the department, the email's name, the unit and its pinyin. */
export function contextWords({ email, unitName }: { email: string; unitName: string }): string[] {
  const place = unitName.replace(UNIT_SUFFIX, "");
  const words = [...PLACE_WORDS, email.split("@")[0], unitName, place, pinyinOf(unitName), pinyinOf(place)];
  return [...new Set(words.map(fold))].filter((w) => (/^[a-z0-9]+$/.test(w) ? w.length >= 4 : w.length >= 2));
}

/**
 * The rules a password meets on the server on top of the form's (length, character classes): not a
 * common password and not built on the person's context (the province, 教育厅, the email, the unit's
 * name or its pinyin). One sentence saying what to change, or null.
 */
export function passwordStrengthProblem(password: string, personal: { email: string; unitName: string }): string | null {
  const basic = passwordProblem(password, personal);
  if (basic) return basic;
  const words = contextWords(personal);
  const candidate = fold(password);
  if (words.some((w) => candidate.includes(w))) return "密码不能包含省份、「教育厅」、邮箱名或单位名称（含拼音），请换一个";
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true });
  if (checker.check(password, words).score < MIN_STRENGTH) return "密码过于常见或容易被猜到（如常用密码、单词加年份），请换一个不易猜到的组合";
  return null;
}

/** Whether the password is the user's current one or one it replaced lately; argon2 hashes are salted, so each is verified. */
export async function isRecentPassword(db: DbOrTx, userId: number, password: string): Promise<boolean> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  const replaced = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.replacedAt), desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY_DEPTH - 1);
  for (const hash of [user?.hash, ...replaced.map((h) => h.hash)]) if (hash && (await verifyPassword(hash, password))) return true;
  return false;
}

export const REUSED_PASSWORD = `新密码不能与最近 ${PASSWORD_HISTORY_DEPTH} 次使用过的密码相同，请换一个`;

/** Everything a new password of this user must pass on the server, as one sentence, or null. */
export async function newPasswordProblem(db: DbOrTx, user: { id: number; email: string; unitName: string }, password: string): Promise<string | null> {
  return passwordStrengthProblem(password, user) ?? ((await isRecentPassword(db, user.id, password)) ? REUSED_PASSWORD : null);
}

/**
 * The one way a password is stored: the new hash and passwordChangedAt (which ends the sessions opened
 * before it), the replaced hash kept in the history. `also` sets other columns in the same update.
 */
export async function storePassword(
  tx: Tx,
  { userId, password, now }: { userId: number; password: string; now: Date },
  also: Partial<typeof users.$inferInsert> = {},
): Promise<void> {
  const [old] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (old?.hash) await tx.insert(passwordHistory).values({ userId, passwordHash: old.hash, replacedAt: now });
  await tx.update(users).set({ ...also, passwordHash: await hashPassword(password), passwordChangedAt: now }).where(eq(users.id, userId));
}
