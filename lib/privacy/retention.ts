// The retention job (PIPL art. 19, GB/T 35273 §6.1): a campaign's personal data is kept for
// PERSONAL_DATA_RETENTION_DAYS after the campaign closed, then blanked. What goes: each roster row's
// name, phone and email (the row stays, with its unit, position and school code, so figures and
// bulletins still add up), the filler's name and phone, the same fields in the submission snapshots,
// the stamped scans, and the addresses and bodies of the campaign's sent emails. What stays: the
// accounts issued from the rows (live accounts, under ACCOUNT_IDLE_DISABLE_DAYS), the timeline, and the
// audit log — append-only and hash-chained, never purged at all, so no audit row (let alone one younger
// than AUDIT_MIN_RETENTION_DAYS) is ever removed.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { recordAudit } from "@/lib/core/audit";

const DAY_MS = 24 * 60 * 60 * 1000;

export type PurgedCampaign = {
  campaignId: number;
  entries: number;
  submissions: number;
  snapshots: number;
  scans: number;
  emails: number;
  /** A training task's 回执, imported 签到表 lines and their scans. */
  registrations: number;
  attendanceLines: number;
  signInScans: number;
};

/** Blanks the personal data of every campaign closed more than `days` days before `now`; each campaign in its own transaction, audited. */
export async function purgeExpiredPersonalData({ db, now, days }: { db: Db; now: Date; days: number }): Promise<PurgedCampaign[]> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const due = await queryRows(
    db,
    { id: col.int },
    sql`select id from campaigns where status = 'closed' and closed_at < ${cutoff}::timestamptz and personal_data_purged_at is null order by id`,
  );
  const purged: PurgedCampaign[] = [];
  for (const { id } of due) {
    const result = await purgeCampaign(db, id, now, days, cutoff);
    if (result) purged.push(result);
  }
  return purged;
}

async function purgeCampaign(db: Db, campaignId: number, now: Date, days: number, cutoff: string): Promise<PurgedCampaign | null> {
  return db.transaction(async (tx) => {
    // Another worker may be at it, or the campaign reopened meanwhile: look again under the row lock.
    const campaign = await queryRow(
      tx,
      { closedAt: col.instant },
      sql`select closed_at as "closedAt" from campaigns
          where id = ${campaignId} and status = 'closed' and closed_at < ${cutoff}::timestamptz and personal_data_purged_at is null
          for update skip locked`,
    );
    if (!campaign) return null;
    const count = async (statement: SQL) => (await queryRow(tx, { n: col.int }, sql`with changed as (${statement} returning 1) select count(*)::int as n from changed`))!.n;
    const ofCampaign = sql`(select id from submissions where campaign_id = ${campaignId})`;
    const counts = {
      entries: await count(sql`update roster_entries set name = '', phone = '', email = '' where campaign_id = ${campaignId}`),
      submissions: await count(sql`update submissions set filler_name = null, filler_phone = null where campaign_id = ${campaignId}`),
      snapshots: await count(sql`
        update submission_snapshots set rows = (
          select coalesce(jsonb_agg(r || '{"name": "", "phone": "", "email": ""}'::jsonb order by ord), '[]'::jsonb)
          from jsonb_array_elements(rows) with ordinality as t(r, ord))
        where submission_id in ${ofCampaign}`),
      scans: await count(sql`delete from submission_scans where submission_id in ${ofCampaign}`),
      registrations: await count(sql`update training_registrations set name = '', phone = '', email = '', substitute_reason = null where campaign_id = ${campaignId}`),
      attendanceLines: await count(sql`
        update training_attendance_lines set name = '', phone = null, unit_name = null
        where session_id in (select id from training_sessions where campaign_id = ${campaignId})`),
      signInScans: await count(sql`delete from training_sign_in_scans where session_id in (select id from training_sessions where campaign_id = ${campaignId})`),
      // Queued mail is left to be sent; what went out (or failed) loses its address and body.
      emails: await count(sql`update email_outbox set to_address = '', text = '', html = '', link_secret = null where campaign_id = ${campaignId} and status <> 'pending'`),
    };
    await tx.execute(sql`update campaigns set personal_data_purged_at = ${now.toISOString()}::timestamptz where id = ${campaignId}`);
    await recordAudit(tx, {
      action: "privacy.purge_campaign",
      outcome: "success",
      targetType: "campaign",
      targetId: campaignId,
      at: now,
      detail: { ...counts, closedAt: campaign.closedAt.toISOString(), retentionDays: days },
    });
    return { campaignId, ...counts };
  });
}
