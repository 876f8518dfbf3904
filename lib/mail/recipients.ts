import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";

export type Recipient = { unitId: number; userId: number | null; address: string; name: string };

/** The columns of `unitRecipients` and `userRecipients`. */
export const RECIPIENT = { unitId: col.int, userId: col.intOrNull, address: col.text, name: col.text };

const activeUsers = (unitIds: SQL) => sql`
  select u.unit_id as "unitId", u.id as "userId", u.email as address, u.name
  from users u where u.status = 'active' and u.unit_id in ${unitIds}`;

/** Addresses that bounced are left out of every recipient list. */
const deliverable = (recipients: SQL) => sql`(
  select r.* from (${recipients}) r
  where not exists (select 1 from email_suppressions s where s.address = r.address)
)`;

/**
 * Who hears about a unit in a campaign, as a subquery ("unitId", "userId", address, name): the unit's
 * active users, or, while it has none, the person on the unit's own row of the campaign's table.
 */
export function unitRecipients(campaignId: number, unitIds: SQL): SQL {
  return deliverable(sql`
    ${activeUsers(unitIds)}
    union all
    select e.unit_id, null::int, e.email, e.name
    from roster_entries e
    where e.campaign_id = ${campaignId} and e.unit_id in ${unitIds}
      and not exists (select 1 from users u where u.unit_id = e.unit_id and u.status = 'active')`);
}

/**
 * Only the units' active users, as the same subquery: for what asks someone to act on the portal (a delegate's
 * rows to fill, a decision on the table), which the person on a row without an account cannot do.
 */
export function userRecipients(unitIds: SQL): SQL {
  return deliverable(activeUsers(unitIds));
}

/** One unit's recipients, by address. */
export function getRecipientsByUnit({ db, campaignId, unitId }: { db: DbOrTx; campaignId: number; unitId: number }): Promise<Recipient[]> {
  return queryRows(db, RECIPIENT, sql`select * from ${unitRecipients(campaignId, sql`(${unitId})`)} r order by r.address`);
}

/** One unit's active users, by address. */
export function getUsersOfUnit({ db, unitId }: { db: DbOrTx; unitId: number }): Promise<Recipient[]> {
  return queryRows(db, RECIPIENT, sql`select * from ${userRecipients(sql`(${unitId})`)} r order by r.address`);
}

/** The outbox columns that say who an email is for. */
export function recipientFields(campaignId: number, recipient: Recipient) {
  return { to: recipient.address, userId: recipient.userId ?? undefined, unitId: recipient.unitId, campaignId };
}
