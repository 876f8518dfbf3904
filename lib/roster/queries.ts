import "server-only";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, intArray, queryRow, queryRows } from "@/db/rows";
import { campaignStatus, delegatedRowState, submissionEvents, submissionScans, submissionStatus, unitKind, users, type CampaignStatus, type SubmissionStatus, type UnitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { recordRead } from "@/lib/core/audit";
import { eventConcernsUnitsOf, isSubmissionVisible, isUnitInScope } from "@/lib/authz/scope";
import { type ActorDelegation, getDelegationOfActor } from "@/lib/submissions/delegates";
import { maskContact, maskPhone, seesContactOf } from "@/lib/privacy/mask";
import { getReadinessBySubmission } from "@/lib/submissions/readiness";
import { isEditable, isFillerOf, type Readiness } from "@/lib/submissions/workflow";
import type { TablePage, TableView } from "./paging";
import { getTablePlaceBySubmission, type PageUnit, rowJoins, type TablePlace, type TableScope, tableRowsFrom } from "./table-page";
import { ROW_ENTRY, rowEntryJson, sharedWithAnotherUnit, withWarnings, WRITER_JOINS } from "./entries";

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
    /** The unit of the last writer: the city's own, or the delegate's that filled the row. */
    updatedByUnitName: string | null;
  } | null;
  warnings: string[];
  /** The entry's phone and email are masked for this reader (see lib/privacy/mask.ts). */
  contactMasked: boolean;
  /** Who fills the row when the city delegated it (分派填报), and where it stands; null for the city's own rows. */
  delegation: RowDelegation | null;
};

const ROW_DELEGATION = col
  .object({
    delegationId: col.int,
    delegateUnitId: col.int,
    delegateUnitName: col.text,
    state: col.oneOf(delegatedRowState.enumValues),
    submittedAt: col.instantOrNull,
    submittedByName: col.textOrNull,
    decidedAt: col.instantOrNull,
    decidedByName: col.textOrNull,
    returnReason: col.textOrNull,
    /** The county that handed a school's row on to the school (分派给学校), and whether it has handed it in to the city. */
    collectorUnitId: col.intOrNull,
    collectorUnitName: col.textOrNull,
    collectorHandedIn: col.bool,
  })
  .nullable();

export type RowDelegation = NonNullable<z.infer<typeof ROW_DELEGATION>>;

export type SubmissionHeader = {
  id: number;
  campaignId: number;
  campaignTitle: string;
  docNumber: string;
  /** The campaign's 填表说明, printed under the table. */
  tableNotes: string[];
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
      tableNotes: col.texts,
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
    select s.id, s.campaign_id as "campaignId", c.title as "campaignTitle", c.doc_number as "docNumber", c.table_notes as "tableNotes", c.deadline, c.status as "campaignStatus",
           s.unit_id as "unitId", u.name as "unitName", s.status, s.version, s.filler_name as "fillerName", s.filler_phone as "fillerPhone",
           s.submitted_at as "submittedAt", s.late, s.review_opened_at as "reviewOpenedAt", s.return_reason as "returnReason",
           s.updated_at as "updatedAt", ub.name as "updatedByName"
    from submissions s
    join campaigns c on c.id = s.campaign_id and c.status <> 'draft' and c.kind = 'roster'
    join units u on u.id = s.unit_id
    left join users ub on ub.id = s.updated_by
    where s.id = ${submissionId}`,
  );
  if (!row || !(await isSubmissionVisible(db, actor, row.unitId))) return null;
  return row;
}

/**
 * The units a submission covers (the reporting unit's active subtree) in registry order —
 * bureau, then each county followed by its schools — limited to the scope (see TableScope).
 */
export async function getRosterRowsBySubmission({ db, ...scope }: TableScope & { db: DbOrTx }): Promise<RosterRow[]> {
  const { from, where } = tableRowsFrom(scope);
  return readRosterRows(db, { from, where, order: sql`t.path` });
}

/** The rows of one page as the place query found them (lib/roster/table-page.ts), read by key in the page's order: no walk of the table. */
export async function getRosterRowsOfPage({ db, submission, units }: { db: DbOrTx; submission: TableScope["submission"]; units: PageUnit[] }): Promise<RosterRow[]> {
  const page = sql`unnest(${intArray(units.map((p) => p.unitId))}, ${intArray(units.map((p) => p.depth))}, ${intArray(units.map((p) => p.ordinal))}) t(id, depth, ordinal)`;
  return readRosterRows(db, { from: sql`${page} join units u on u.id = t.id ${rowJoins(submission)}`, where: sql`true`, order: sql`t.ordinal` });
}

/** Rows of the table from `from` (units `u` at `t`, with `t.depth`, and rowJoins) in `order`, with their warnings and 分派. */
async function readRosterRows(db: DbOrTx, { from, where, order }: { from: SQL; where: SQL; order: SQL }): Promise<RosterRow[]> {
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
      delegation: ROW_DELEGATION,
    },
    sql`
    select u.id as "unitId", u.name as "unitName", u.kind as "unitKind", t.depth, u.school_code as "registrySchoolCode",
           ${rowEntryJson()} as entry,
           ${sharedWithAnotherUnit("email")} as "dupEmail", ${sharedWithAnotherUnit("phone")} as "dupPhone",
           case when dr.id is not null then json_build_object(
             'delegationId', d.id, 'delegateUnitId', d.delegate_unit_id, 'delegateUnitName', du.name, 'state', dr.state,
             'submittedAt', case when dr.state in ('submitted', 'confirmed') then d.submitted_at end, 'submittedByName', case when dr.state in ('submitted', 'confirmed') then sb.name end,
             'decidedAt', dr.decided_at, 'decidedByName', dcb.name, 'returnReason', dr.return_reason,
             'collectorUnitId', pd.delegate_unit_id, 'collectorUnitName', pdu.name, 'collectorHandedIn', coalesce(pd.state = 'submitted', false)) end as delegation
    from ${from}
    ${WRITER_JOINS}
    left join units du on du.id = d.delegate_unit_id
    left join units pdu on pdu.id = pd.delegate_unit_id
    left join users sb on sb.id = d.submitted_by
    left join users dcb on dcb.id = dr.decided_by
    where ${where}
    order by ${order}`,
  );
  return rows.map((row) => ({ ...withWarnings(row), contactMasked: false }));
}

export type TimelineEvent = { id: number; at: Date; action: string; actorName: string | null; detail: Record<string, unknown> };

/** One page of a timeline, newest first; `more` when older events follow. */
export type TimelinePage = { events: TimelineEvent[]; more: boolean };

export const TIMELINE_PAGE_SIZE = 50;

/**
 * The newest events, or with `before` (an event's id) the ones older than it: keyset pages on (at, id). With
 * `onlyUnitsOf` (a reader who sees only its own rows of the table), only the events that concern its units.
 */
export async function getEventsBySubmission({ db, submissionId, before, onlyUnitsOf }: { db: DbOrTx; submissionId: number; before?: number; onlyUnitsOf?: Actor }): Promise<TimelinePage> {
  const older = before
    ? sql`and (e.at, e.id) < (select b.at, b.id from submission_events b where b.id = ${before} and b.submission_id = ${submissionId})`
    : sql``;
  const rows = await queryRows(
    db,
    { id: col.int, at: col.instant, action: col.text, actorName: col.textOrNull, detail: col.json<Record<string, unknown>>() },
    sql`
    select e.id, e.at, e.action, u.name as "actorName", e.detail
    from submission_events e left join users u on u.id = e.actor_id
    where e.submission_id = ${submissionId} ${older} ${onlyUnitsOf ? sql`and ${eventConcernsUnitsOf(onlyUnitsOf)}` : sql``}
    order by e.at desc, e.id desc
    limit ${TIMELINE_PAGE_SIZE + 1}`,
  );
  return { events: rows.slice(0, TIMELINE_PAGE_SIZE), more: rows.length > TIMELINE_PAGE_SIZE };
}

/** The newest event of one kind (the last 「退回」, the decision that made another moot), or null. */
export async function getLatestEventBySubmission({ db, submissionId, action }: { db: DbOrTx; submissionId: number; action: string }): Promise<TimelineEvent | null> {
  const [event] = await db
    .select({ id: submissionEvents.id, at: submissionEvents.at, action: submissionEvents.action, actorName: users.name, detail: submissionEvents.detail })
    .from(submissionEvents)
    .leftJoin(users, eq(users.id, submissionEvents.actorId))
    .where(and(eq(submissionEvents.submissionId, submissionId), eq(submissionEvents.action, action)))
    .orderBy(desc(submissionEvents.at), desc(submissionEvents.id))
    .limit(1);
  return event ?? null;
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
  scan: ScanInfo | null;
  events: TimelinePage;
  canEdit: boolean;
  /** False for a county or school looking at its city's table: it sees its own rows only. */
  seesWholeTable: boolean;
  /** What 「提交」 still needs, counted in the database. */
  readiness: Readiness;
  /** The actor's own 分派 in this table, when the city delegated rows to the actor's unit: it sees those rows only. */
  delegation: ActorDelegation | null;
  /** The rows of the table the actor sees. */
  scope: TableScope;
};

/** The table page's workspace: one page of the rows (searched and filtered in SQL), as the reader may see them. */
export type TableWorkspace = Workspace & {
  table: TablePage<RosterRow>;
  /** Some row of the whole table is masked for the reader: 「查看完整信息」 is offered. */
  masked: boolean;
};

async function workspaceOf({ db, actor, submissionId }: { db: DbOrTx; actor: Actor; submissionId: number }): Promise<Workspace | null> {
  const submission = await getSubmissionForActor({ db, actor, submissionId });
  if (!submission) return null;
  const seesWholeTable = await isUnitInScope(db, actor, submission.unitId);
  const delegation = seesWholeTable ? null : await getDelegationOfActor({ db, actor, submissionId });
  const scope = { submission, visibleRootId: seesWholeTable ? submission.unitId : actor.unitId, delegatedTo: delegation ? actor.unitId : undefined };
  const [scan, events, readiness] = await Promise.all([
    getScanInfoBySubmission({ db, submissionId }),
    getEventsBySubmission({ db, submissionId, onlyUnitsOf: seesWholeTable ? undefined : actor }),
    getReadinessBySubmission({ db, submissionId }),
  ]);
  return { submission, scan, events, canEdit: isFillerOf(actor, submission) && isEditable(submission), seesWholeTable, readiness, delegation, scope };
}

/**
 * Everything the table page shows, for one actor, with the page of rows `view` asks for: the phones and emails of rows
 * that are not the actor's to fill are masked (and the filler's phone too, for anyone but the filler).
 */
export async function getWorkspaceForActor({ db, actor, submissionId, view }: { db: DbOrTx; actor: Actor; submissionId: number; view: TableView }): Promise<TableWorkspace | null> {
  const workspace = await workspaceOf({ db, actor, submissionId });
  if (!workspace) return null;
  const place = await getTablePlaceBySubmission({
    db,
    scope: workspace.scope,
    reader: { unitId: actor.unitId, filler: isFillerOf(actor, workspace.submission) },
    view,
  });
  const { submission, table } = await readPageForActor({ db, actor, submission: workspace.submission, place });
  return { ...workspace, submission, masked: place.masked, table };
}

/** The page the place query found, read by key and masked for `actor`: its rows with their places, and the header as `actor` may see it. */
export async function readPageForActor({ db, actor, submission, place }: { db: DbOrTx; actor: Actor; submission: SubmissionHeader; place: TablePlace }): Promise<{ submission: SubmissionHeader; table: TablePage<RosterRow> }> {
  const rows = await getRosterRowsOfPage({ db, submission, units: place.units });
  const ordinals = new Map(place.units.map((p) => [p.unitId, p.ordinal]));
  const shown = maskedForReader(actor, { submission, rows });
  return { submission: shown.submission, table: { ...place.table, rows: shown.rows.map((row) => ({ ...row, ordinal: ordinals.get(row.unitId)! })) } };
}

/** The whole table with every phone and email in full: only for the print sheet, audited exports and an audited reveal. */
export async function getCompleteWorkspaceForActor({ db, actor, submissionId }: { db: DbOrTx; actor: Actor; submissionId: number }): Promise<(Workspace & { rows: RosterRow[] }) | null> {
  const workspace = await workspaceOf({ db, actor, submissionId });
  return workspace && { ...workspace, rows: await getRosterRowsBySubmission({ db, ...workspace.scope }) };
}

/** A submission's header and rows as `actor` may see them without giving a reason. */
export function maskedForReader<W extends { submission: SubmissionHeader; rows: RosterRow[] }>(actor: Actor, workspace: W): W {
  const filler = isFillerOf(actor, workspace.submission);
  const { submission } = workspace;
  const rows = workspace.rows.map((row) =>
    row.entry && !seesContactOf(actor, row, filler) ? { ...row, entry: maskContact(row.entry), contactMasked: true } : row,
  );
  const fillerPhone = submission.fillerPhone && !seesContactOf(actor, submission, filler) ? maskPhone(submission.fillerPhone) : submission.fillerPhone;
  return { ...workspace, submission: { ...submission, fillerPhone }, rows };
}

type SheetRead = { db: DbOrTx; actor: Actor; submissionId: number; ip: string | null; now: Date };

/** The table as printed for stamping, complete with every administrator's phone and email: each opening is audited. */
export async function getPrintSheetForActor({ db, actor, submissionId, ip, now }: SheetRead): Promise<(Workspace & { rows: RosterRow[] }) | null> {
  const workspace = await getCompleteWorkspaceForActor({ db, actor, submissionId });
  if (!workspace) return null;
  await recordRead(db, actor, { action: "roster.print", targetType: "submission", targetId: submissionId, detail: { rows: workspace.rows.length }, ip, at: now });
  return workspace;
}
