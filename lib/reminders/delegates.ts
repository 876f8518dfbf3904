// The tick's share of 分派填报 (三级联动): reminder slots to each delegate before its city's internal deadline,
// and the city's daily digest of the delegates that have not handed in.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { col, idsIn, jsonParam, queryRows } from "@/db/rows";
import { RECIPIENT, unitRecipients, userRecipients } from "@/lib/mail/recipients";
import { delegateDigestEmail, delegateSlotEmail, type OpenDelegate } from "./emails";
import { type OpenCampaign, queue } from "./queue";
import { type DueSlot, dueDigestDay, dueSlot } from "./schedule";

/** `collectorName`: the county that handed a school's row on to it (分派给学校), whose deadline it works to. */
type OpenDelegation = OpenDelegate & { id: number; submissionId: number; cityUnitId: number; cityName: string; collectorName: string | null; delegateUnitId: number; createdAt: Date };

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * The campaign's delegations still filling: rows to fill or returned to fix, on a city table that can still change
 * (not submitted, not approved). The caller reads only published campaigns.
 */
function getOpenDelegations(db: Db, campaignId: number): Promise<OpenDelegation[]> {
  return queryRows(
    db,
    {
      id: col.int,
      submissionId: col.int,
      cityUnitId: col.int,
      cityName: col.text,
      collectorName: col.textOrNull,
      delegateUnitId: col.int,
      unitName: col.text,
      deadline: col.instant,
      createdAt: col.instant,
      rows: col.objects({ unitName: col.text, returned: col.bool }),
    },
    sql`
    select d.id, d.submission_id as "submissionId", s.unit_id as "cityUnitId", city.name as "cityName", pu.name as "collectorName",
           d.delegate_unit_id as "delegateUnitId", du.name as "unitName", d.deadline, d.created_at as "createdAt",
           json_agg(json_build_object('unitName', u.name, 'returned', r.state = 'returned') order by r.state = 'returned' desc, u.sort_order, u.id) as rows
    from delegations d
    join submissions s on s.id = d.submission_id
    join units city on city.id = s.unit_id
    join units du on du.id = d.delegate_unit_id
    left join delegations p on p.id = d.parent_delegation_id
    left join units pu on pu.id = p.delegate_unit_id
    join delegated_rows r on r.delegation_id = d.id and r.state in ('assigned', 'returned')
    join units u on u.id = r.unit_id
    where s.campaign_id = ${campaignId} and s.status in ('draft', 'returned') and d.state = 'filling'
    group by d.id, s.id, city.id, du.id, pu.id
    order by d.submission_id, du.sort_order, du.id`,
  );
}

/** Each unit's recipients for the email with this dedupe key (before the address), but those it was queued for already. */
function unsentRecipients(db: Db, due: { unitId: number; key: string }[], recipientsOf: (unitIds: SQL) => SQL) {
  return queryRows(
    db,
    { ...RECIPIENT, key: col.text },
    sql`
    select r.*, v.key from jsonb_to_recordset(${jsonParam(due)}) as v("unitId" int, key text)
    join ${recipientsOf(idsIn(due.map((d) => d.unitId)))} r on r."unitId" = v."unitId"
    where not exists (select 1 from email_outbox o where o.dedupe_key = concat(v.key, ':', r.address))
    order by r."unitId", r.address`,
  );
}

/** The delegations' and tables' queued emails. */
export async function queueDelegationReminders(db: Db, campaign: OpenCampaign, now: Date): Promise<{ delegateSlots: number; delegateDigests: number }> {
  const open = await getOpenDelegations(db, campaign.id);
  if (open.length === 0) return { delegateSlots: 0, delegateDigests: 0 };
  return { delegateSlots: await queueDelegateSlots(db, campaign, open, now), delegateDigests: await queueDelegateDigests(db, campaign, open, now) };
}

/**
 * The campaign's slots, relative to each delegation's internal deadline. Slots that passed before the city delegated
 * never go; one email per (delegation, slot, deadline) and recipient, so a new internal deadline makes new slots.
 */
async function queueDelegateSlots(db: Db, campaign: OpenCampaign, open: OpenDelegation[], now: Date): Promise<number> {
  const due = open.flatMap((delegation) => {
    const since = campaign.publishedAt && campaign.publishedAt > delegation.createdAt ? campaign.publishedAt : delegation.createdAt;
    const slot = dueSlot({ offsets: campaign.reminderOffsets, deadline: delegation.deadline, publishedAt: since, now });
    return slot ? [{ delegation, slot, key: `delegate-reminder:${delegation.id}:${slot.offset}@${epochSeconds(delegation.deadline)}` }] : [];
  });
  if (due.length === 0) return 0;
  const recipients = await unsentRecipients(db, due.map((d) => ({ unitId: d.delegation.delegateUnitId, key: d.key })), userRecipients);
  const byKey = new Map(due.map((d) => [d.key, d]));
  let queued = 0;
  for (const kind of ["reminder", "overdue"] satisfies DueSlot["kind"][]) {
    const rows = recipients.flatMap((r) => {
      const { delegation, slot } = byKey.get(r.key)!;
      return slot.kind === kind ? [{ ...r, unitName: delegation.unitName, submissionId: delegation.submissionId, dedupeKey: `${r.key}:${r.address}`, delegation, slot }] : [];
    });
    queued += await queue(db, campaign, rows, `delegate_${kind}`, now, (to, row) =>
      delegateSlotEmail(to, { cityName: row.delegation.collectorName ?? row.delegation.cityName, delegate: row.delegation, toCounty: row.delegation.collectorName !== null }, row.slot, now),
    );
  }
  return queued;
}

/**
 * Once per Beijing day in the last three days before an internal deadline (the campaign digest's day): each table's
 * delegates that have not handed in, to the city. One email per (table, day) and recipient.
 */
async function queueDelegateDigests(db: Db, campaign: OpenCampaign, open: OpenDelegation[], now: Date): Promise<number> {
  const tables = new Map<number, OpenDelegation[]>();
  // The city hears of its own delegates; a school's row its county handed on is the county's to chase.
  for (const delegation of open.filter((d) => d.collectorName === null)) tables.set(delegation.submissionId, [...(tables.get(delegation.submissionId) ?? []), delegation]);
  const due = [...tables].flatMap(([submissionId, delegates]) => {
    const day = delegates.map((d) => dueDigestDay({ deadline: d.deadline, now })).find((d) => d !== null);
    return day ? [{ submissionId, cityUnitId: delegates[0].cityUnitId, delegates, key: `delegate-digest:${submissionId}:${day}` }] : [];
  });
  if (due.length === 0) return 0;
  const recipients = await unsentRecipients(db, due.map((t) => ({ unitId: t.cityUnitId, key: t.key })), (unitIds) => unitRecipients(campaign.id, unitIds));
  const byKey = new Map(due.map((t) => [t.key, t]));
  const rows = recipients.map((r) => {
    const table = byKey.get(r.key)!;
    return { ...r, unitName: table.delegates[0].cityName, submissionId: table.submissionId, dedupeKey: `${r.key}:${r.address}`, delegates: table.delegates };
  });
  return queue(db, campaign, rows, "delegate_digest", now, (to, row) => delegateDigestEmail(to, row.delegates, now));
}
