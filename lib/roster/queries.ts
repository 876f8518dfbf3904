import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { campaignStatus, submissionEvents, submissionScans, submissionStatus, unitKind, users, type CampaignStatus, type SubmissionStatus, type UnitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { recordRead } from "@/lib/core/audit";
import { isSubmissionVisible, isUnitInScope } from "@/lib/authz/scope";
import { activeSubtreeIds, subtree } from "@/lib/units/tree";
import { getReadinessBySubmission } from "@/lib/submissions/readiness";
import { isEditable, isFillerOf, type Readiness } from "@/lib/submissions/workflow";
import { pageRows, type RowLens, type TablePage, type TableView } from "./paging";
import { entryJson, ROW_ENTRY, sharedWithAnotherUnit, withWarnings } from "./entries";

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
  const row = await queryRow(
    db,
    {
      id: col.int,
      campaignId: col.int,
      campaignTitle: col.text,
      docNumber: col.text,
      deadline: col.instant,
      campaignStatus: col.oneOf(campaignStatus.enumValues),
      unitId: col.int,
      unitName: col.text,
      status: col.oneOf(submissionStatus.enumValues),
      version: col.int,
      fillerName: col.textOrNull,
      fillerPhone: col.textOrNull,
      submittedAt: col.instantOrNull,
      late: col.bool,
      reviewOpenedAt: col.instantOrNull,
      returnReason: col.textOrNull,
      updatedAt: col.instant,
      updatedByName: col.textOrNull,
    },
    sql`
    select s.id, s.campaign_id as "campaignId", c.title as "campaignTitle", c.doc_number as "docNumber", c.deadline, c.status as "campaignStatus",
           s.unit_id as "unitId", u.name as "unitName", s.status, s.version, s.filler_name as "fillerName", s.filler_phone as "fillerPhone",
           s.submitted_at as "submittedAt", s.late, s.review_opened_at as "reviewOpenedAt", s.return_reason as "returnReason",
           s.updated_at as "updatedAt", ub.name as "updatedByName"
    from submissions s
    join campaigns c on c.id = s.campaign_id and c.status <> 'draft'
    join units u on u.id = s.unit_id
    left join users ub on ub.id = s.updated_by
    where s.id = ${submissionId}`,
  );
  if (!row || !(await isSubmissionVisible(db, actor, row.unitId))) return null;
  return row;
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
  const rows = await queryRows(
    db,
    {
      unitId: col.int,
      unitName: col.text,
      unitKind: col.oneOf(unitKind.enumValues),
      depth: col.int,
      registrySchoolCode: col.textOrNull,
      entry: ROW_ENTRY,
      dupEmail: col.bool,
      dupPhone: col.bool,
    },
    sql`
    select u.id as "unitId", u.name as "unitName", u.kind as "unitKind", t.depth, u.school_code as "registrySchoolCode",
           ${entryJson(sql`, 'id', e.id, 'returnReason', e.return_reason`)} as entry,
           ${sharedWithAnotherUnit("email")} as "dupEmail", ${sharedWithAnotherUnit("phone")} as "dupPhone"
    from ${subtree({ roots: submission.unitId, activeOnly: true, ordered: true })} t
    join units u on u.id = t.id
    left join roster_entries e on e.campaign_id = ${submission.campaignId} and e.unit_id = u.id
    left join users ub on ub.id = e.updated_by
    where t.id in ${activeSubtreeIds(visibleRootId)}
    order by t.path`,
  );
  return rows.map(withWarnings);
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
  /** What 「提交」 still needs, counted in the database. */
  readiness: Readiness;
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
    readiness,
  };
}

/** How the table page searches its rows (unit, administrator, phone) and sorts them into states. */
const ROSTER_LENS: RowLens<RosterRow> = {
  searchable: (row) => [row.unitName, row.entry?.name, row.entry?.phone],
  states: (row) => [row.entry ? "filled" : "empty", ...(row.warnings.length > 0 || row.entry?.returnReason ? (["flagged"] as const) : [])],
};

/** The part of the table the page shows: only these rows go to the browser. */
export function pageRosterRows(rows: readonly RosterRow[], view: TableView): TablePage<RosterRow> {
  return pageRows(rows, view, ROSTER_LENS);
}

type SheetRead = { db: DbOrTx; actor: Actor; submissionId: number; ip: string | null; now: Date };

/** The table as printed for stamping, complete with every administrator's phone and email: each opening is audited. */
export async function getPrintSheetForActor({ db, actor, submissionId, ip, now }: SheetRead): Promise<Workspace | null> {
  const workspace = await getWorkspaceForActor({ db, actor, submissionId });
  if (!workspace) return null;
  await recordRead(db, actor, { action: "roster.print", targetType: "submission", targetId: submissionId, detail: { rows: workspace.rows.length }, ip, at: now });
  return workspace;
}
