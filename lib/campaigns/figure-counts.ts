// How the figures of lib/campaigns/figures.ts are counted: the dashboard and the bulletin both count
// through these fragments, so the same name never means two different numbers.
import { type SQL, sql } from "drizzle-orm";
import { col } from "@/db/rows";
import type { Figures } from "./figures";

/**
 * One row per table of the campaign (an active reporting unit: a deactivated one has no table, as on the
 * dashboard), as a derived table: reporting_id, submission_id, status, submitted_at and the flags
 * FIGURE_COUNTS counts (submitted, late, returned_ever, approved).
 */
export function tableFacts(campaignId: number): SQL {
  return sql`(
    select a.unit_id as reporting_id, s.id as submission_id, s.status, s.submitted_at,
           coalesce(s.status in ('submitted', 'returned', 'approved'), false) as submitted,
           coalesce(s.status in ('submitted', 'returned', 'approved') and s.late, false) as late,
           exists (select 1 from submission_events e where e.submission_id = s.id and e.action = 'returned') as returned_ever,
           coalesce(s.status = 'approved', false) as approved
    from campaign_assignments a
    join units u on u.id = a.unit_id and u.active
    left join submissions s on s.assignment_id = a.id
    where a.campaign_id = ${campaignId})`;
}

/** Whether a return of the submission ever named the row of the unit (gave it a reason of its own). */
export function rowReturnedEver(submissionId: SQL, unitId: SQL): SQL {
  return sql`exists (select 1 from submission_events e
    where e.submission_id = ${submissionId} and e.action = 'returned'
      and e.detail->'rowReasons' @> jsonb_build_array(jsonb_build_object('unitId', ${unitId})))`;
}

/** The select list counting `f` (rows with the flags of tableFacts), one column per key of Figures. */
export const FIGURE_COUNTS = sql`
  count(*)::int as expected,
  (count(*) filter (where f.submitted))::int as submitted,
  (count(*) filter (where f.submitted and not f.late))::int as "onTime",
  (count(*) filter (where f.submitted and f.late))::int as late,
  (count(*) filter (where not f.submitted))::int as missing,
  (count(*) filter (where f.returned_ever))::int as returned,
  (count(*) filter (where f.approved))::int as approved,
  (count(*) filter (where f.approved and not f.returned_ever))::int as "firstPass",
  (count(*) filter (where f.approved or f.returned_ever))::int as reviewed`;

/** FIGURE_COUNTS' columns, for queryRows and col.object. */
export const FIGURE_ROW = {
  expected: col.int,
  submitted: col.int,
  onTime: col.int,
  late: col.int,
  missing: col.int,
  returned: col.int,
  approved: col.int,
  firstPass: col.int,
  reviewed: col.int,
};

/** The Figures of a row that holds FIGURE_COUNTS' columns (and maybe others). */
export function figuresOf(r: Figures): Figures {
  return {
    expected: r.expected,
    submitted: r.submitted,
    onTime: r.onTime,
    late: r.late,
    missing: r.missing,
    returned: r.returned,
    approved: r.approved,
    firstPass: r.firstPass,
    reviewed: r.reviewed,
  };
}
