import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type Campaign, type CampaignContact, type CampaignStatus, campaignAssignments, campaignAttachments, campaigns, type SubmissionStatus, type UnitKind, units } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assertPermission, may } from "@/lib/core/policy";
import { hasProvinceScope } from "@/lib/core/roles";

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
  if (actor.role === "auditor") return [];
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

export type AttachmentInfo = { id: number; fileName: string; mimeType: string; size: number; uploadedAt: Date };

export type CampaignDetail = TaskSummary & { body: string; contacts: CampaignContact[]; attachments: AttachmentInfo[] };

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
  return { ...task, body: String(row.body), contacts: row.contacts as CampaignContact[], attachments: await getAttachmentsByCampaign({ db, campaignId }) };
}

export async function getAttachmentsByCampaign({ db, campaignId }: { db: DbOrTx; campaignId: number }): Promise<AttachmentInfo[]> {
  return db
    .select({ id: campaignAttachments.id, fileName: campaignAttachments.fileName, mimeType: campaignAttachments.mimeType, size: campaignAttachments.size, uploadedAt: campaignAttachments.uploadedAt })
    .from(campaignAttachments)
    .where(eq(campaignAttachments.campaignId, campaignId))
    .orderBy(asc(campaignAttachments.id));
}

/** An attachment with its bytes, for whoever may see its campaign: the province administrator sees drafts too. */
export async function getAttachmentForActor({ db, actor, campaignId, attachmentId }: { db: DbOrTx; actor: Actor; campaignId: number; attachmentId: number }) {
  const visible = may(actor.role, "campaigns.manage") || (await getTasksByActor({ db, actor })).some((t) => t.id === campaignId);
  if (!visible) return null;
  const [attachment] = await db
    .select()
    .from(campaignAttachments)
    .where(and(eq(campaignAttachments.id, attachmentId), eq(campaignAttachments.campaignId, campaignId)));
  return attachment ?? null;
}


export type CampaignListItem = Pick<Campaign, "id" | "title" | "docNumber" | "issuer" | "deadline" | "status" | "publishedAt" | "closedAt" | "createdAt"> & {
  units: number;
  submitted: number;
};

/** Every campaign, drafts first, then by deadline (newest first), for the province's 「任务管理」. */
export async function getCampaignsForAdmin({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<CampaignListItem[]> {
  assertPermission(actor, "campaigns.manage");
  return db
    .select({
      id: campaigns.id,
      title: campaigns.title,
      docNumber: campaigns.docNumber,
      issuer: campaigns.issuer,
      deadline: campaigns.deadline,
      status: campaigns.status,
      publishedAt: campaigns.publishedAt,
      closedAt: campaigns.closedAt,
      createdAt: campaigns.createdAt,
      units: sql<number>`(select count(*) from campaign_assignments a where a.campaign_id = ${campaigns.id})`.mapWith(Number),
      submitted: sql<number>`(select count(*) from submissions s where s.campaign_id = ${campaigns.id} and s.status in ('submitted', 'returned', 'approved'))`.mapWith(Number),
    })
    .from(campaigns)
    .orderBy(sql`${campaigns.status} = 'draft' desc`, desc(campaigns.deadline), desc(campaigns.id));
}

export type CampaignForAdmin = Campaign & { unitIds: number[]; attachments: AttachmentInfo[] };

export async function getCampaignForAdmin({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<CampaignForAdmin | null> {
  assertPermission(actor, "campaigns.manage");
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) return null;
  const assigned = await db.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId));
  return { ...campaign, unitIds: assigned.map((a) => a.unitId), attachments: await getAttachmentsByCampaign({ db, campaignId }) };
}

export type ReportingUnitChoice = { id: number; name: string; kind: UnitKind };

/** The units a campaign can be assigned to: those reporting straight to the province, in registry order. */
export async function getReportingUnitChoices({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<{ cities: ReportingUnitChoice[]; schools: ReportingUnitChoice[] }> {
  assertPermission(actor, "campaigns.manage");
  const rows = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.active, true), sql`${units.reportingParentId} = (select id from units where reporting_parent_id is null)`))
    .orderBy(asc(units.sortOrder), asc(units.id));
  return { cities: rows.filter((u) => u.kind === "city_bureau"), schools: rows.filter((u) => u.kind !== "city_bureau") };
}
