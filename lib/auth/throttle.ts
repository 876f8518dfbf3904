import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";

/** A limit on attempts: more than `limit` inside `windowMs` blocks the key for `blockMs`; `message` tells the person. */
export type ThrottleRule = { limit: number; windowMs: number; blockMs: number; message: string };

const MINUTE = 60_000;

/** Failed logins from one client address. */
export const LOGIN_FAILURES_PER_ADDRESS: ThrottleRule = { limit: 20, windowMs: MINUTE, blockMs: 15 * MINUTE, message: "尝试次数过多，请 15 分钟后再试。" };
/** 「忘记密码」 requests from one address, and for one email. */
const HOURLY_RESETS = { windowMs: 60 * MINUTE, blockMs: 60 * MINUTE, message: "重置密码的申请次数过多，请 1 小时后再试。" };
export const RESETS_PER_ADDRESS: ThrottleRule = { limit: 5, ...HOURLY_RESETS };
export const RESETS_PER_EMAIL: ThrottleRule = { limit: 3, ...HOURLY_RESETS };

/** Whether the key is blocked now. */
export async function isThrottled(db: DbOrTx, key: string, now: Date): Promise<boolean> {
  const row = await queryRow(db, { blocked: col.bool }, sql`
    select coalesce(blocked_until > ${now.toISOString()}::timestamptz, false) as blocked from throttles where key = ${key}`);
  return row?.blocked ?? false;
}

/**
 * Counts one attempt in one statement (concurrent processes never lose a count) and blocks the key once
 * the window holds more than the limit. Returns whether the key is blocked after this attempt.
 */
export async function countAttempt(db: DbOrTx, key: string, rule: ThrottleRule, now: Date): Promise<boolean> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowOpen = sql`t.window_started_at > ${at} - ${`${rule.windowMs} milliseconds`}::interval`;
  const row = await queryRow(db, { blocked: col.bool }, sql`
    insert into throttles as t (key, window_started_at, count) values (${key}, ${at}, 1)
    on conflict (key) do update set
      count = case when ${windowOpen} then t.count + 1 else 1 end,
      window_started_at = case when ${windowOpen} then t.window_started_at else ${at} end,
      blocked_until = case
        when ${windowOpen} and t.count + 1 > ${rule.limit} then ${at} + ${`${rule.blockMs} milliseconds`}::interval
        else t.blocked_until end
    returning coalesce(t.blocked_until > ${at}, false) or (t.count > ${rule.limit}) as blocked`);
  return row?.blocked ?? false;
}
