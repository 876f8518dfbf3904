import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { col, queryRows } from "@/db/rows";
import { endSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/core/audit";

const DAY_MS = 24 * 60 * 60 * 1000;
/** An account's last use: its newest sign-in, or when its password was set (activation, reset), or when it was created. */
const LAST_USED = sql`greatest(last_login_at, password_changed_at, created_at)`;

/**
 * The worker's daily check: an account nobody has used for `days` days is disabled, its sessions end, and
 * each is audited. The most recently used security administrator is kept even when idle, since nobody
 * else could enable the privileged accounts again. Rows another worker holds are skipped.
 */
export async function disableIdleAccounts({ db, now, days }: { db: Db; now: Date; days: number }): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  return db.transaction(async (tx) => {
    const disabled = await queryRows(tx, { id: col.int, lastUsedAt: col.instant }, sql`
      with idle as (
        select id, ${LAST_USED} as last_used_at from users
        where status in ('active', 'locked') and ${LAST_USED} < ${cutoff}::timestamptz
          and id is distinct from (
            select id from users where role = 'security_admin' and status in ('active', 'locked')
            order by ${LAST_USED} desc, id limit 1)
        for update skip locked)
      update users u set status = 'disabled' from idle where u.id = idle.id
      returning u.id, idle.last_used_at as "lastUsedAt"`);
    for (const { id, lastUsedAt } of disabled) {
      await endSessions({ db: tx, userId: id, reason: "account_idle", now });
      await recordAudit(tx, { action: "user.idle_disable", outcome: "success", targetType: "user", targetId: id, at: now, detail: { lastUsedAt: lastUsedAt.toISOString(), days } });
    }
    return disabled.length;
  });
}
