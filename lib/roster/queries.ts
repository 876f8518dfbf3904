import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { submissionEvents, submissionScans, users, type CampaignStatus, type SubmissionStatus, type UnitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { recordRead } from "@/lib/core/audit";
import { isSubmissionVisible, isUnitInScope } from "@/lib/authz/scope";
import { getReadinessBySubmission } from "@/lib/submissions/readiness";
import { isEditable, isFillerOf, submitBlockers } from "@/lib/submissions/workflow";
import { schoolCodeWarnings } from "./rules";

export type RosterRow = {
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
  depth: number;
  registrySchoolCode: string | null;
  entry: {
    id: number;
    name: string;
    position: string;
    phone: string;
    email: string;
    schoolCode: string | null;
    version: number;
    returnReason: string | null;
    updatedAt: Date;
    updatedByName: string | null;
  } | null;
  warnings: string[];
};

export type SubmissionHeader = {
  id: number;
  campaignId: number;
  campaignTitle: string;
  docNumber: string;
  deadline: Date;
  campaignStatus: CampaignStatus;
  unitId: number;
  unitName: string;
  status: SubmissionStatus;
  version: number;
  fillerName: string | null;
  fillerPhone: string | null;
  submittedAt: Date | null;
  late: boolean;
  reviewOpenedAt: Date | null;
  returnReason: string | null;
  updatedAt: Date;
  updatedByName: string | null;
};

/** The submission, if the actor may see it: its reporting unit must be in scope, or cover the actor's unit. */
export async function getSubmissionForActor({ db, actor, submissionId }: { db: DbOrTx; actor: Actor; submissionId: number }): Promise<SubmissionHeader | null> {
  const [row] = await db.execute(sql`
    select s.id, s.campaign_id, c.title, c.doc_number, c.deadline, c.status as campaign_status, s.unit_id, u.name as unit_name,
           s.status, s.version, s.filler_name, s.filler_phone, s.submitted_at, s.late, s.review_opened_at, s.return_reason,
           s.updated_at, ub.name as updated_by_name
    from submissions s
    join campaigns c on c.id = s.campaign_id and c.status <> 'draft'
    join units u on u.id = s.unit_id
    left join users ub on ub.id = s.updated_by
    where s.id = ${submissionId}`);
  if (!row) return null;
  const unitId = Number(row.unit_id);
  if (!(await isSubmissionVisible(db, actor, unitId))) return null;
  return {
    id: Number(row.id),
    campaignId: Number(row.campaign_id),
    campaignTitle: String(row.title),
    docNumber: String(row.doc_number),
    deadline: new Date(row.deadline as string),
    campaignStatus: row.campaign_status as CampaignStatus,
    unitId,
    unitName: String(row.unit_name),
    status: row.status as SubmissionStatus,
    version: Number(row.version),
    fillerName: (row.filler_name as string | null) ?? null,
    fillerPhone: (row.filler_phone as string | null) ?? null,
    submittedAt: row.submitted_at ? new Date(row.submitted_at as string) : null,
    late: Boolean(row.late),
    reviewOpenedAt: row.review_opened_at ? new Date(row.review_opened_at as string) : null,
    returnReason: (row.return_reason as string | null) ?? null,
    updatedAt: new Date(row.updated_at as string),
    updatedByName: (row.updated_by_name as string | null) ?? null,
  };
}

/**
 * The units a submission covers (the reporting unit's active subtree) in registry order —
 * bureau, then each county followed by its schools — limited to `visibleRootId`'s subtree.
 */
export async function getRosterRowsBySubmission({
  db,
  submission,
  visibleRootId,
}: {
  db: DbOrTx;
  submission: Pick<SubmissionHeader, "id" | "campaignId" | "unitId">;
  visibleRootId: number;
}): Promise<RosterRow[]> {
  const rows = await db.execute(sql`
    with recursive tree(id, depth, path) as (
      select id, 0, array[]::text[] from units where id = ${submission.unitId}
      union all
      select u.id, t.depth + 1,
             t.path || (case when u.kind = 'county_bureau' then '0' else '1' end || lpad(u.sort_order::text, 6, '0') || u.code)
      from units u join tree t on u.reporting_parent_id = t.id
      where u.active
    ),
    visible as (
      select id from tree where id = ${visibleRootId}
      union all
      select u.id from units u join visible v on u.reporting_parent_id = v.id
    )
    select u.id as unit_id, u.name as unit_name, u.kind, t.depth, u.school_code as registry_school_code,
           e.id as entry_id, e.name, e.position, e.phone, e.email, e.school_code, e.version, e.return_reason, e.updated_at,
           ub.name as updated_by_name,
           exists (select 1 from roster_entries o where o.campaign_id = e.campaign_id and o.unit_id <> e.unit_id and o.email = e.email) as dup_email,
           exists (select 1 from roster_entries o where o.campaign_id = e.campaign_id and o.unit_id <> e.unit_id and o.phone = e.phone) as dup_phone
    from tree t
    join units u on u.id = t.id
    left join roster_entries e on e.campaign_id = ${submission.campaignId} and e.unit_id = u.id
    left join users ub on ub.id = e.updated_by
    where t.id in (select id from visible)
    order by t.path`);
  return rows.map((r) => {
    const entry = r.entry_id
      ? {
          id: Number(r.entry_id),
          name: String(r.name),
          position: String(r.position),
          phone: String(r.phone),
          email: String(r.email),
          schoolCode: (r.school_code as string | null) ?? null,
          version: Number(r.version),
          returnReason: (r.return_reason as string | null) ?? null,
          updatedAt: new Date(r.updated_at as string),
          updatedByName: (r.updated_by_name as string | null) ?? null,
        }
      : null;
    const registrySchoolCode = (r.registry_school_code as string | null) ?? null;
    return {
      unitId: Number(r.unit_id),
      unitName: String(r.unit_name),
      unitKind: r.kind as UnitKind,
      depth: Number(r.depth),
      registrySchoolCode,
      entry,
      warnings: entry ? rowWarnings({ entry, registrySchoolCode, dupEmail: Boolean(r.dup_email), dupPhone: Boolean(r.dup_phone) }) : [],
    };
  });
}

function rowWarnings({
  entry,
  registrySchoolCode,
  dupEmail,
  dupPhone,
}: {
  entry: { schoolCode: string | null };
  registrySchoolCode: string | null;
  dupEmail: boolean;
  dupPhone: boolean;
}): string[] {
  const warnings = entry.schoolCode ? schoolCodeWarnings(entry.schoolCode) : [];
  if (entry.schoolCode && registrySchoolCode && entry.schoolCode !== registrySchoolCode)
    warnings.push(`学校标识码与单位库登记的 ${registrySchoolCode} 不一致，请核对`);
  if (dupEmail) warnings.push("该邮箱也出现在本次报送的其他单位中，请确认是否为同一人兼任");
  if (dupPhone) warnings.push("该联系电话也出现在本次报送的其他单位中，请确认是否为同一人兼任");
  return warnings;
}

export type TimelineEvent = { id: number; at: Date; action: string; actorName: string | null; detail: Record<string, unknown> };

export async function getEventsBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<TimelineEvent[]> {
  return db
    .select({ id: submissionEvents.id, at: submissionEvents.at, action: submissionEvents.action, actorName: users.name, detail: submissionEvents.detail })
    .from(submissionEvents)
    .leftJoin(users, eq(users.id, submissionEvents.actorId))
    .where(eq(submissionEvents.submissionId, submissionId))
    .orderBy(desc(submissionEvents.at), desc(submissionEvents.id));
}

export type ScanInfo = { fileName: string; mimeType: string; size: number; uploadedAt: Date };

export async function getScanInfoBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<ScanInfo | null> {
  const [scan] = await db
    .select({ fileName: submissionScans.fileName, mimeType: submissionScans.mimeType, size: submissionScans.size, uploadedAt: submissionScans.uploadedAt })
    .from(submissionScans)
    .where(eq(submissionScans.submissionId, submissionId));
  return scan ?? null;
}

export type Workspace = {
  submission: SubmissionHeader;
  rows: RosterRow[];
  scan: ScanInfo | null;
  events: TimelineEvent[];
  canEdit: boolean;
  /** False for a county or school looking at its city's table: it sees its own rows only. */
  seesWholeTable: boolean;
  filled: number;
  blockers: string[];
};

/** Everything the table page shows, for one actor. */
export async function getWorkspaceForActor({ db, actor, submissionId }: { db: DbOrTx; actor: Actor; submissionId: number }): Promise<Workspace | null> {
  const submission = await getSubmissionForActor({ db, actor, submissionId });
  if (!submission) return null;
  const seesWholeTable = await isUnitInScope(db, actor, submission.unitId);
  const rows = await getRosterRowsBySubmission({ db, submission, visibleRootId: seesWholeTable ? submission.unitId : actor.unitId });
  const [scan, events, readiness] = await Promise.all([
    getScanInfoBySubmission({ db, submissionId }),
    getEventsBySubmission({ db, submissionId }),
    getReadinessBySubmission({ db, submissionId }),
  ]);
  return {
    submission,
    rows,
    scan,
    events,
    canEdit: isFillerOf(actor, submission) && isEditable(submission),
    seesWholeTable,
    filled: rows.filter((r) => r.entry).length,
    blockers: submitBlockers(readiness),
  };
}

type SheetRead = { db: DbOrTx; actor: Actor; submissionId: number; ip: string | null; now: Date };

/** The table as printed for stamping, complete with every administrator's phone and email: each opening is audited. */
export async function getPrintSheetForActor({ db, actor, submissionId, ip, now }: SheetRead): Promise<Workspace | null> {
  const workspace = await getWorkspaceForActor({ db, actor, submissionId });
  if (!workspace) return null;
  await recordRead(db, actor, { action: "roster.print", targetType: "submission", targetId: submissionId, detail: { rows: workspace.rows.length }, ip, at: now });
  return workspace;
}

/** The stamped scan shows every unit's administrator: only for those with the whole table in scope, and each opening is audited. */
export async function getScanForActor({ db, actor, submissionId, ip, now }: SheetRead): Promise<typeof submissionScans.$inferSelect | null> {
  const submission = await getSubmissionForActor({ db, actor, submissionId });
  if (!submission || !(await isUnitInScope(db, actor, submission.unitId))) return null;
  const [scan] = await db.select().from(submissionScans).where(eq(submissionScans.submissionId, submission.id));
  if (!scan) return null;
  await recordRead(db, actor, { action: "roster.view_scan", targetType: "submission", targetId: submission.id, detail: { fileName: scan.fileName }, ip, at: now });
  return scan;
}
