// Where an invited account stands, as every list of accounts shows it: an activation email that failed (or
// bounced after sending) is 邮件发送失败, not 待激活, so the person knows to check the address and send again.
import { type SQL, sql } from "drizzle-orm";
import type { OutboxEmail, UserStatus } from "@/db/schema";
import { ACTIVATION_EMAIL_KIND } from "./invitations";

export type AccountState = "invited" | "activated" | "email_failed" | "disabled";

export function accountState(status: UserStatus, mailStatus: OutboxEmail["status"] | null): AccountState {
  if (status === "active" || status === "locked") return "activated";
  if (status === "disabled") return "disabled";
  return mailStatus === "failed" ? "email_failed" : "invited";
}

/** The newest activation email of the account `userId` (status, last_error, created_at), for a `left join lateral`. */
export function lastActivationEmail(userId: SQL): SQL {
  // A bounce reported after sending counts as a failure too.
  return sql`(
    select case when bounced_at is not null then 'failed' else status::text end as status, last_error, created_at from email_outbox
    where user_id = ${userId} and kind = ${ACTIVATION_EMAIL_KIND} order by id desc limit 1)`;
}
