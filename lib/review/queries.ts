import "server-only";
import { desc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, intArray, queryRows } from "@/db/rows";
import { type OutboxEmail, outboxStatus, type SnapshotRow, submissionSnapshots, submissionStatus, type SubmissionStatus, userStatus } from "@/db/schema";
import { type AccountState, accountState, lastActivationEmail } from "@/lib/accounts/activation-state";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { assertPermission, may } from "@/lib/core/policy";
import {
  getEventsBySubmission,
  getLatestEventBySubmission,
  getScanInfoBySubmission,
  getSubmissionForActor,
  readPageForActor,
  type RosterRow,
  type ScanInfo,
  type SubmissionHeader,
  type TimelineEvent,
  type TimelinePage,
} from "@/lib/roster/queries";
import { maskEmail, maskPhone } from "@/lib/privacy/mask";
import { isFillerOf, transitionBlocker } from "@/lib/submissions/workflow";
import { readTableView, type TablePage, type TableView } from "@/lib/roster/paging";
import { REVIEW_FLAGGED, ROW_FLAGS } from "@/lib/roster/entries";
import { getTablePlaceBySubmission } from "@/lib/roster/table-page";
import { registryKey, subtree } from "@/lib/units/tree";
import { diffRounds, type RowChange } from "./diff";
import { isOwnUnit } from "./guard";

/** Reviewers decide; the province administrator reads along. */

/**
 * Each of `tables` (a query or CTE of submissions' id and unit_id) with its flags, all at once: ROW_FLAGS summed over
 * every covered unit (as the table lists them) with its row.
 */
function flagsOf(campaignId: number, tables: SQL): SQL {
  return sql`(
    select q.id, sum(${ROW_FLAGS})::int as flags
    from ${tables} q
    join ${subtree({ roots: sql`(select unit_id from ${tables} r)`, activeOnly: true })} t on t.root_id = q.unit_id
    join units u on u.id = t.id
    left join roster_entries e on e.campaign_id = ${campaignId} and e.unit_id = u.id
    group by q.id)`;
}

export type QueueFilter = { status?: SubmissionStatus; reportingUnitId?: number; late?: boolean; order: "asc" | "desc" };

export type QueueItem = {
  id: number;
  unitId: number;
  unitName: string;
  status: SubmissionStatus;
  submittedAt: Date | null;
  late: boolean;
  reviewOpenedAt: Date | null;
  rows: number;
  flags: number;
  ownUnit: boolean;
};

/** Every submission of a campaign that has reached the province (submitted at least once and not withdrawn), filtered and sorted by submission time. */
export async function getReviewQueueByCampaign({ db, actor, campaignId, filter }: { db: DbOrTx; actor: Actor; campaignId: number; filter: QueueFilter }): Promise<QueueItem[]> {
  assertPermission(actor, "review.read");
  const rows = await queryRows(
    db,
    {
      id: col.int,
      unitId: col.int,
      unitName: col.text,
      status: col.oneOf(submissionStatus.enumValues),
      submittedAt: col.instantOrNull,
      late: col.bool,
      reviewOpenedAt: col.instantOrNull,
      rows: col.int,
      flags: col.int,
    },
    sql`
    with queued as (
      select s.id, s.unit_id from submissions s
      where s.campaign_id = ${campaignId} and s.status <> 'draft' and s.unit_id in ${unitsInScope(actor)}
        and exists (select 1 from campaigns c where c.id = s.campaign_id and c.kind = 'roster')
        ${filter.status ? sql`and s.status = ${filter.status}` : sql``}
        ${filter.reportingUnitId ? sql`and s.unit_id = ${filter.reportingUnitId}` : sql``}
        ${filter.late === undefined ? sql`` : sql`and s.late = ${filter.late}`}
    ),
    flags as ${flagsOf(campaignId, sql`queued`)}
    select s.id, s.unit_id as "unitId", u.name as "unitName", s.status, s.submitted_at as "submittedAt", s.late, s.review_opened_at as "reviewOpenedAt",
           (select count(*) from roster_entries e where e.submission_id = s.id) as rows, coalesce(f.flags, 0) as flags
    from queued q join submissions s on s.id = q.id join units u on u.id = s.unit_id left join flags f on f.id = q.id
    order by s.submitted_at ${filter.order === "asc" ? sql`asc` : sql`desc`}, s.id`,
  );
  return rows.map((r) => ({ ...r, ownUnit: isOwnUnit(actor, r) }));
}

export type ReportingUnitOption = { id: number; name: string };

/** The reporting units of a campaign, for the queue's filter. */
export async function getReportingUnitsByCampaign({ db, campaignId }: { db: DbOrTx; campaignId: number }): Promise<ReportingUnitOption[]> {
  return queryRows(
    db,
    { id: col.int, name: col.text },
    sql`select u.id, u.name from campaign_assignments a join units u on u.id = a.unit_id where a.campaign_id = ${campaignId} order by ${registryKey("u")}`,
  );
}

/** Other units that use the same email or phone anywhere in the province (this campaign's rows, and existing accounts). */
export type Duplicates = { email: string[]; phone: string[]; account: string[] };

/** The duplicates of the rows of `unitIds` (a page's) in a submission's table. */
async function getDuplicatesBySubmission({ db, submissionId, unitIds }: { db: DbOrTx; submissionId: number; unitIds: number[] }): Promise<Map<number, Duplicates>> {
  const ofPage = sql`e.submission_id = ${submissionId} and e.unit_id = any(${intArray(unitIds)})`;
  const sameField = (field: "email" | "phone") => sql`
    select e.unit_id as "unitId", ${field} as field, ou.name as other
    from roster_entries e
    join roster_entries o on o.campaign_id = e.campaign_id and o.unit_id <> e.unit_id and o.${sql.identifier(field)} = e.${sql.identifier(field)}
    join units ou on ou.id = o.unit_id
    where ${ofPage}`;
  const rows = await queryRows(
    db,
    { unitId: col.int, field: col.oneOf(["email", "phone", "account"]), other: col.text },
    sql`
    ${sameField("email")}
    union
    ${sameField("phone")}
    union
    select e.unit_id, 'account', ou.name
    from roster_entries e
    join users us on lower(us.email) = e.email and us.unit_id <> e.unit_id
    join units ou on ou.id = us.unit_id
    where ${ofPage}
    order by 3`,
  );
  const byUnit = new Map<number, Duplicates>();
  for (const { unitId, field, other } of rows) {
    const entry = byUnit.get(unitId) ?? { email: [], phone: [], account: [] };
    entry[field].push(other);
    byUnit.set(unitId, entry);
  }
  return byUnit;
}

export type { AccountState };

export type IssuedAccount = {
  unitId: number;
  unitName: string;
  userId: number;
  email: string;
  name: string;
  state: AccountState;
  /** The newest activation email: when it was queued, whether it went out, and why not. */
  lastEmail: { at: Date; status: OutboxEmail["status"]; error: string | null } | null;
};

/** The accounts an approval issued for a submission's rows, with where each stands. */
export async function getIssuedAccountsBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<IssuedAccount[]> {
  const rows = await queryRows(
    db,
    {
      unitId: col.int,
      unitName: col.text,
      userId: col.int,
      email: col.text,
      name: col.text,
      status: col.oneOf(userStatus.enumValues),
      mailStatus: col.oneOf(outboxStatus.enumValues).nullable(),
      mailError: col.textOrNull,
      mailAt: col.instantOrNull,
    },
    sql`
    select e.unit_id as "unitId", eu.name as "unitName", u.id as "userId", u.email, u.name, u.status, m.status as "mailStatus", m.last_error as "mailError", m.created_at as "mailAt"
    from roster_entries e
    join units eu on eu.id = e.unit_id
    join users u on u.id = e.issued_user_id
    left join lateral ${lastActivationEmail(sql`u.id`)} m on true
    where e.submission_id = ${submissionId}`,
  );
  return rows.map(({ status, mailStatus, mailError, mailAt, ...account }) => ({
    ...account,
    state: accountState(status, mailStatus),
    lastEmail: mailStatus && mailAt ? { at: mailAt, status: mailStatus, error: mailError } : null,
  }));
}

export type ReturnRecord = { reason: string; rowReasons: { unitId: number; reason: string }[]; at: Date; actorName: string | null };

export type Review = {
  submission: SubmissionHeader;
  /** The page of rows the view asks for, searched, filtered and paged in SQL (lib/roster/table-page.ts). */
  table: TablePage<RosterRow>;
  /** On a resubmission the page lists only the rows that changed, unless the reviewer asked for all of them. */
  onlyChanges: boolean;
  /** The whole table's rows, its filled rows (the accounts an approval issues) and its automatic flags, as the queue counts them. */
  whole: { total: number; filled: number; flags: number };
  /** Some row's phone and email are masked to this reader (「查看完整信息」 is offered). */
  masked: boolean;
  /** The page's rows' duplicates elsewhere in the campaign and among accounts. */
  duplicates: Map<number, Duplicates>;
  scan: ScanInfo | null;
  events: TimelinePage;
  /** Which 「提交」 this is (1 for the first), and what changed since the one before. */
  round: number;
  changes: RowChange[] | null;
  /** The last 「退回」, shown beside a resubmission so the reviewer can check each reason was met. */
  lastReturn: ReturnRecord | null;
  accounts: IssuedAccount[];
  ownUnit: boolean;
  /** The actor is a reviewer and may decide now (after 「开始审核」). */
  canOpen: boolean;
  canDecide: boolean;
};

/**
 * Everything the page for reviewing one submission shows, with the page of rows `view` asks for; `all` asks a
 * resubmission for every row instead of those that changed. A row with an automatic flag, or no entry, is 有问题.
 */
export async function getReviewForActor({
  db,
  actor,
  submissionId,
  view = readTableView({}),
  all = false,
}: {
  db: DbOrTx;
  actor: Actor;
  submissionId: number;
  view?: TableView;
  all?: boolean;
}): Promise<Review | null> {
  assertPermission(actor, "review.read");
  const submission = await getSubmissionForActor({ db, actor, submissionId });
  if (!submission || submission.status === "draft") return null;
  const [scan, events, snapshots, accounts, lastReturned] = await Promise.all([
    getScanInfoBySubmission({ db, submissionId }),
    getEventsBySubmission({ db, submissionId }),
    db
      .select({ round: submissionSnapshots.round, rows: submissionSnapshots.rows })
      .from(submissionSnapshots)
      .where(eq(submissionSnapshots.submissionId, submissionId))
      .orderBy(desc(submissionSnapshots.round))
      .limit(2),
    getIssuedAccountsBySubmission({ db, submissionId }),
    getLatestEventBySubmission({ db, submissionId, action: "returned" }),
  ]);
  const [current, previous] = snapshots as { round: number; rows: SnapshotRow[] }[];
  const changes = current && previous ? diffRounds(previous.rows, current.rows) : null;
  const onlyChanges = changes !== null && !all;
  const place = await getTablePlaceBySubmission({
    db,
    scope: { submission, visibleRootId: submission.unitId },
    reader: { unitId: actor.unitId, filler: isFillerOf(actor, submission) },
    view,
    lens: { flagged: REVIEW_FLAGGED, only: onlyChanges ? changes.map((c) => c.unitId) : undefined, flags: ROW_FLAGS },
  });
  const { masked, whole } = place;
  const [shown, duplicates] = await Promise.all([
    readPageForActor({ db, actor, submission, place }),
    getDuplicatesBySubmission({ db, submissionId, unitIds: place.units.map((p) => p.unitId) }),
  ]);
  const ownUnit = isOwnUnit(actor, submission);
  const mayDecide = may(actor.role, "review.decide") && !ownUnit && transitionBlocker("approve", submission) === null;
  return {
    submission: shown.submission,
    table: shown.table,
    onlyChanges,
    whole,
    masked,
    duplicates,
    scan,
    events,
    round: current?.round ?? 0,
    changes: changes && maskChanges(changes, masked),
    lastReturn: previous && lastReturned ? returnRecordOf(lastReturned) : null,
    accounts: masked ? accounts.map((a) => ({ ...a, email: maskEmail(a.email) })) : accounts,
    ownUnit,
    canOpen: mayDecide && !submission.reviewOpenedAt,
    canDecide: mayDecide && submission.reviewOpenedAt !== null,
  };
}

/** A reviewer reads what changed with the same masking as the rows: 联系电话 138****8000 → 139****9000. */
function maskChanges(changes: RowChange[], mask: boolean): RowChange[] {
  if (!mask) return changes;
  const maskers: Partial<Record<RowChange["fields"][number]["field"], (value: string) => string>> = { phone: maskPhone, email: maskEmail };
  return changes.map((change) => ({
    ...change,
    fields: change.fields.map((f) => {
      const masker = maskers[f.field];
      return masker ? { ...f, before: f.before && masker(f.before), after: f.after && masker(f.after) } : f;
    }),
  }));
}

/** A 「退回」 event as the reviewer reads it beside the resubmission. */
function returnRecordOf(event: TimelineEvent): ReturnRecord {
  const detail = event.detail as { reason?: string; rowReasons?: { unitId: number; reason: string }[] };
  return { reason: detail.reason ?? "", rowReasons: detail.rowReasons ?? [], at: event.at, actorName: event.actorName };
}
