import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import {
  type Campaign,
  type CampaignContact,
  type CampaignKind,
  campaignKind,
  type CampaignStatus,
  campaignAssignments,
  campaignAttachments,
  campaigns,
  campaignStatus,
  type SubmissionStatus,
  submissionStatus,
  type UnitKind,
  units,
} from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assertPermission, may } from "@/lib/core/policy";
import { isCampaignInScope } from "@/lib/authz/scope";
import { hasOversightScope } from "@/lib/core/roles";
import { holdingSubmissions } from "@/lib/units/tree";

export type TaskSummary = {
  id: number;
  /** What the task asks (lib/campaigns/kinds.ts): where its link leads, and which pages read it. */
  kind: CampaignKind;
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
  /** The actor's unit is the reporting unit: it fills the table, rather than looking at its own part of it. */
  ownTable: boolean;
  /** The rows the city delegated to the actor's unit (分派填报), with the city's internal deadline; null when none. */
  delegation: TaskDelegation | null;
};

/** A delegate's part of its city's table: its rows counted by state. */
export type TaskDelegation = {
  deadline: Date;
  rows: number;
  /** Rows with an administrator saved, whatever their state. */
  filled: number;
  submitted: number;
  confirmed: number;
  returned: number;
  submittedAt: Date | null;
  /** The county that handed the school's row on to it (分派给学校): its deadline, and the unit it hands in to. */
  collectorName: string | null;
};

const TASK_DELEGATION = col
  .object({ deadline: col.instant, rows: col.int, filled: col.int, submitted: col.int, confirmed: col.int, returned: col.int, submittedAt: col.instantOrNull, collectorName: col.textOrNull })
  .nullable();

/**
 * Published campaigns that concern the actor: assigned to its unit or to a unit above it
 * (a county sees its city's campaign). Province roles see every published campaign their province publishes.
 */
export async function getTasksByActor({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<TaskSummary[]> {
  if (actor.role === "auditor") return [];
  return queryRows(
    db,
    {
      id: col.int,
      kind: col.oneOf(campaignKind.enumValues),
      title: col.text,
      docNumber: col.text,
      issuer: col.text,
      deadline: col.instant,
      status: col.oneOf(campaignStatus.enumValues),
      reportingUnitName: col.textOrNull,
      submissionId: col.intOrNull,
      submissionStatus: col.oneOf(submissionStatus.enumValues).nullable(),
      submittedAt: col.instantOrNull,
      late: col.bool,
      ownTable: col.bool,
      delegation: TASK_DELEGATION,
    },
    hasOversightScope(actor.role)
      ? sql`
        select c.id, c.kind, c.title, c.doc_number as "docNumber", c.issuer, c.deadline, c.status,
               null as "reportingUnitName", null as "submissionId", null as "submissionStatus", null as "submittedAt", false as late,
               false as "ownTable", null as delegation
        from campaigns c where c.status <> 'draft' and ${isCampaignInScope(actor, sql`c.owner_unit_id`)} order by c.deadline desc, c.id`
      : sql`
        select c.id, c.kind, c.title, c.doc_number as "docNumber", c.issuer, c.deadline, c.status,
               ru.name as "reportingUnitName", s.id as "submissionId", s.status as "submissionStatus", s.submitted_at as "submittedAt", s.late,
               s.unit_id = ${actor.unitId} as "ownTable", dl.delegation
        from ${holdingSubmissions(actor.unitId)} h
        join campaigns c on c.id = h.campaign_id and c.status <> 'draft'
        join submissions s on s.id = h.submission_id
        join units ru on ru.id = s.unit_id
        left join lateral (
          select json_build_object(
                   'deadline', d.deadline, 'submittedAt', d.submitted_at, 'rows', count(*),
                   'filled', count(e.id), 'submitted', count(*) filter (where r.state = 'submitted'),
                   'confirmed', count(*) filter (where r.state in ('confirmed', 'accepted')), 'returned', count(*) filter (where r.state = 'returned'),
                   'collectorName', pu.name) as delegation
          from delegations d
          join delegated_rows r on r.delegation_id = d.id
          left join delegations p on p.id = d.parent_delegation_id
          left join units pu on pu.id = p.delegate_unit_id
          left join roster_entries e on e.campaign_id = s.campaign_id and e.unit_id = r.unit_id
          where d.submission_id = s.id and d.delegate_unit_id = ${actor.unitId}
          group by d.id, pu.id
        ) dl on true
        order by c.deadline desc, c.id`,
  );
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
  const [row] = await db.select({ body: campaigns.body, contacts: campaigns.contacts }).from(campaigns).where(eq(campaigns.id, campaignId));
  return { ...task, ...row, attachments: await getAttachmentsByCampaign({ db, campaignId }) };
}

export async function getAttachmentsByCampaign({ db, campaignId }: { db: DbOrTx; campaignId: number }): Promise<AttachmentInfo[]> {
  return db
    .select({ id: campaignAttachments.id, fileName: campaignAttachments.fileName, mimeType: campaignAttachments.mimeType, size: campaignAttachments.size, uploadedAt: campaignAttachments.uploadedAt })
    .from(campaignAttachments)
    .where(eq(campaignAttachments.campaignId, campaignId))
    .orderBy(asc(campaignAttachments.id));
}

/** An attachment with its bytes, for whoever may see its campaign: the province administrator sees its drafts too. */
export async function getAttachmentForActor({ db, actor, campaignId, attachmentId }: { db: DbOrTx; actor: Actor; campaignId: number; attachmentId: number }) {
  const visible =
    (may(actor.role, "campaigns.manage") && (await getCampaignForAdmin({ db, actor, campaignId })) !== null) ||
    (await getTasksByActor({ db, actor })).some((t) => t.id === campaignId);
  if (!visible) return null;
  const [attachment] = await db
    .select()
    .from(campaignAttachments)
    .where(and(eq(campaignAttachments.id, attachmentId), eq(campaignAttachments.campaignId, campaignId)));
  return attachment ?? null;
}


export type CampaignListItem = Pick<Campaign, "id" | "kind" | "title" | "docNumber" | "issuer" | "deadline" | "status" | "publishedAt" | "closedAt" | "createdAt"> & {
  units: number;
  submitted: number;
};

/** Every campaign the actor's unit publishes, drafts first, then by deadline (newest first), for the province's 「任务管理」. */
export async function getCampaignsForAdmin({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<CampaignListItem[]> {
  assertPermission(actor, "campaigns.manage");
  return db
    .select({
      id: campaigns.id,
      kind: campaigns.kind,
      title: campaigns.title,
      docNumber: campaigns.docNumber,
      issuer: campaigns.issuer,
      deadline: campaigns.deadline,
      status: campaigns.status,
      publishedAt: campaigns.publishedAt,
      closedAt: campaigns.closedAt,
      createdAt: campaigns.createdAt,
      // Spelled out: inside a subquery drizzle writes ${campaigns.id} as a bare "id", which the inner table would answer.
      units: sql<number>`(select count(*) from campaign_assignments a where a.campaign_id = campaigns.id)`.mapWith(Number),
      submitted: sql<number>`(select count(*) from submissions s where s.campaign_id = campaigns.id and s.status in ('submitted', 'returned', 'approved'))`.mapWith(Number),
    })
    .from(campaigns)
    .where(eq(campaigns.ownerUnitId, actor.unitId))
    .orderBy(sql`${campaigns.status} = 'draft' desc`, desc(campaigns.deadline), desc(campaigns.id));
}

export type CampaignForAdmin = Campaign & { unitIds: number[]; attachments: AttachmentInfo[] };

export async function getCampaignForAdmin({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<CampaignForAdmin | null> {
  assertPermission(actor, "campaigns.manage");
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.ownerUnitId, actor.unitId)));
  if (!campaign) return null;
  const assigned = await db.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId));
  return { ...campaign, unitIds: assigned.map((a) => a.unitId), attachments: await getAttachmentsByCampaign({ db, campaignId }) };
}

export type ReportingUnitChoice = { id: number; name: string; kind: UnitKind };

/** The units a campaign can be assigned to: those reporting straight to the actor's province bureau, in registry order. */
export async function getReportingUnitChoices({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<{ cities: ReportingUnitChoice[]; schools: ReportingUnitChoice[] }> {
  assertPermission(actor, "campaigns.manage");
  const rows = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.active, true), eq(units.reportingParentId, actor.unitId)))
    .orderBy(asc(units.sortOrder), asc(units.id));
  return { cities: rows.filter((u) => u.kind === "city_bureau"), schools: rows.filter((u) => u.kind !== "city_bureau") };
}
