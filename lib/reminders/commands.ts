import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { campaignStatus, submissionStatus } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { isCampaignInScope } from "@/lib/authz/scope";
import { hasProvinceScope } from "@/lib/core/roles";
import { activeSubtreeIds } from "@/lib/units/tree";
import { enqueueEmails } from "@/lib/mail/outbox";
import { formatDateTime } from "@/lib/time";
import { CAMPAIGN_FOR_EMAIL, urgeEmail } from "./emails";
import { getRecipientsByUnit, recipientFields } from "@/lib/mail/recipients";
import { urgeSchema } from "./schemas";

/** One 「催报」 per unit and campaign in this window. */
export const URGE_INTERVAL_MS = 60 * 60_000;

/**
 * 「催报」: queues a reminder now to a unit that has not finished. The province urges reporting units;
 * a city officer urges the counties and schools of its own table. At most once an hour per unit.
 */
export const urgeCommand = defineCommand({
  name: "reminders.urge",
  permission: "reminders.urge",
  input: urgeSchema,
  async run({ tx, actor, now, target }, { campaignId, unitId }) {
    const campaign = await queryRow(
      tx,
      { ...CAMPAIGN_FOR_EMAIL, status: col.oneOf(campaignStatus.enumValues) },
      sql`select c.id, c.kind, c.title, c.doc_number as "docNumber", c.deadline, c.contacts, c.status from campaigns c where c.id = ${campaignId} and c.status <> 'draft'
        and ${hasProvinceScope(actor.role) ? isCampaignInScope(actor, sql`c.owner_unit_id`) : sql`true`}`,
    );
    if (!campaign) throw notFound();

    // The table the unit's row belongs to: its own for the province, the officer's for a city.
    const reportingUnitId = hasProvinceScope(actor.role) ? unitId : actor.unitId;
    // Locking the assignment makes concurrent 「催报」 on one table take turns, so the hourly limit holds.
    const assignment = await queryRow(
      tx,
      { status: col.oneOf(submissionStatus.enumValues).nullable(), submissionId: col.intOrNull },
      sql`
      select s.status, s.id as "submissionId" from campaign_assignments a
      left join submissions s on s.assignment_id = a.id
      where a.campaign_id = ${campaignId} and a.unit_id = ${reportingUnitId}
      for update of a`,
    );
    if (!assignment) throw notFound();
    // Empty rows are the roster table's; another kind of task is urged about its submission alone.
    const emptyRows =
      campaign.kind === "roster"
        ? sql`(select count(*) from units x where x.id in ${activeSubtreeIds(unitId)}
                 and not exists (select 1 from roster_entries e where e.campaign_id = ${campaignId} and e.unit_id = x.id))`
        : sql`0`;
    const unit = await queryRow(
      tx,
      { unitName: col.text, rowsMissing: col.int },
      sql`select name as "unitName", ${emptyRows} as "rowsMissing" from units where id = ${unitId} and id in ${activeSubtreeIds(reportingUnitId)}`,
    );
    if (!unit) throw notFound();
    const { unitName } = unit;
    target("unit", unitId, { campaignId });
    // A unit the city delegated rows to (分派填报) is urged about those rows and the city's internal deadline.
    const delegated = hasProvinceScope(actor.role) || !assignment.submissionId ? undefined : await delegatedRowsOf(tx, assignment.submissionId, unitId, campaignId);
    const rowsMissing = delegated?.rowsMissing ?? unit.rowsMissing;

    if (campaign.status === "closed") throw new DomainError("本任务已结束，不再发送催报。");
    if (assignment.status === "submitted" || assignment.status === "approved") throw new DomainError(`「${unitName}」的报送已提交，无需催报。`);
    if (!hasProvinceScope(actor.role)) {
      if (unitId === actor.unitId) throw new DomainError("「催报」用于提醒所辖县（区）和学校，无需向本单位发送。");
      if (delegated?.open === 0) throw new DomainError(`「${unitName}」已将分派的各行提交给市级，无需催填。`);
      if (campaign.kind === "roster" && !delegated && rowsMissing === 0) throw new DomainError(`「${unitName}」的管理员信息已填写完整，无需催报。`);
    }

    const last = await queryRow(
      tx,
      { at: col.instantOrNull },
      sql`select max(created_at) as at from email_outbox where kind = 'urge' and campaign_id = ${campaignId} and unit_id = ${unitId}`,
    );
    const lastAt = last?.at ?? null;
    if (lastAt && now.getTime() - lastAt.getTime() < URGE_INTERVAL_MS)
      throw new DomainError(
        `「${unitName}」已于 ${formatDateTime(lastAt)} 催报过。每个单位 1 小时内只能催报一次，请于 ${formatDateTime(new Date(lastAt.getTime() + URGE_INTERVAL_MS))} 后再试。`,
      );

    const recipients = await getRecipientsByUnit({ db: tx, campaignId, unitId });
    if (recipients.length === 0)
      throw new DomainError(`「${unitName}」还没有启用的账号，也没有可用的联系邮箱，无法发送催报。请电话联系该单位。`);

    const { submissionId } = assignment;
    await enqueueEmails(
      tx,
      recipients.map((r) => ({
        ...urgeEmail({ campaign, recipientName: r.name, unitName, submissionId }, { byUnitName: actor.unitName, rowsMissing, delegateDeadline: delegated?.deadline }, now),
        ...recipientFields(campaignId, r),
        kind: "urge",
        at: now,
      })),
    );
    target("unit", unitId, { campaignId, recipients: recipients.length });
    return { unitName, recipients: recipients.length };
  },
});

/** The unit's delegation in the city's table, if it has one: its deadline, rows not yet handed in, rows still empty. */
async function delegatedRowsOf(tx: Tx, submissionId: number, unitId: number, campaignId: number) {
  return queryRow(
    tx,
    { deadline: col.instant, open: col.int, rowsMissing: col.int },
    sql`select d.deadline,
               count(*) filter (where r.state in ('assigned', 'returned'))::int as open,
               count(*) filter (where not exists (select 1 from roster_entries e where e.campaign_id = ${campaignId} and e.unit_id = r.unit_id))::int as "rowsMissing"
        from delegations d join delegated_rows r on r.delegation_id = d.id
        where d.submission_id = ${submissionId} and d.delegate_unit_id = ${unitId}
        group by d.id`,
  );
}
