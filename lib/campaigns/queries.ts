import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { CampaignContact, CampaignStatus, SubmissionStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { hasProvinceScope } from "@/lib/authz/roles";

export type TaskSummary = {
  id: number;
  title: string;
  docNumber: string;
  issuer: string;
  deadline: Date;
  status: CampaignStatus;
  /** The reporting unit whose table covers the actor's unit; null for province roles. */
  reportingUnitName: string | null;
  submissionId: number | null;
  submissionStatus: SubmissionStatus | null;
  submittedAt: Date | null;
  late: boolean;
};

/**
 * Published campaigns that concern the actor: assigned to its unit or to a unit above it
 * (a county sees its city's campaign). Province roles see every published campaign.
 */
export async function getTasksByActor({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<TaskSummary[]> {
  const rows = hasProvinceScope(actor.role)
    ? await db.execute(sql`
        select c.id, c.title, c.doc_number, c.issuer, c.deadline, c.status,
               null as reporting_unit_name, null as submission_id, null as submission_status, null as submitted_at, false as late
        from campaigns c where c.status <> 'draft' order by c.deadline desc`)
    : await db.execute(sql`
        with recursive up(id, parent, depth) as (
          select id, reporting_parent_id, 0 from units where id = ${actor.unitId}
          union all
          select u.id, u.reporting_parent_id, up.depth + 1 from units u join up on u.id = up.parent
        )
        select distinct on (c.id) c.id, c.title, c.doc_number, c.issuer, c.deadline, c.status,
               ru.name as reporting_unit_name, s.id as submission_id, s.status as submission_status, s.submitted_at, coalesce(s.late, false) as late
        from up
        join campaign_assignments a on a.unit_id = up.id
        join campaigns c on c.id = a.campaign_id and c.status <> 'draft'
        join units ru on ru.id = a.unit_id
        left join submissions s on s.assignment_id = a.id
        order by c.id, up.depth`);
  return rows
    .map((r) => ({
      id: Number(r.id),
      title: String(r.title),
      docNumber: String(r.doc_number),
      issuer: String(r.issuer),
      deadline: new Date(r.deadline as string),
      status: r.status as CampaignStatus,
      reportingUnitName: (r.reporting_unit_name as string | null) ?? null,
      submissionId: r.submission_id == null ? null : Number(r.submission_id),
      submissionStatus: (r.submission_status as SubmissionStatus | null) ?? null,
      submittedAt: r.submitted_at ? new Date(r.submitted_at as string) : null,
      late: Boolean(r.late),
    }))
    .sort((a, b) => b.deadline.getTime() - a.deadline.getTime());
}

export type CampaignDetail = TaskSummary & { body: string; contacts: CampaignContact[] };

/** One campaign the actor may see, or null (the page turns that into a 404). */
export async function getCampaignByIdForActor({
  db,
  actor,
  campaignId,
}: {
  db: DbOrTx;
  actor: Actor;
  campaignId: number;
}): Promise<CampaignDetail | null> {
  const task = (await getTasksByActor({ db, actor })).find((t) => t.id === campaignId);
  if (!task) return null;
  const [row] = await db.execute(sql`select body, contacts from campaigns where id = ${campaignId}`);
  return { ...task, body: String(row.body), contacts: row.contacts as CampaignContact[] };
}
