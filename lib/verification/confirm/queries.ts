import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { submissionStatus, unitKind } from "@/db/schema";
import { isUnitInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { subtree } from "@/lib/units/tree";
import { type Child, childrenOf, type Confirmation, confirmationOf, reportingSubmissionOf, waitingOn } from "./levels";

/** A unit below the level, with its confirmation; for the province, its reporting units with their submissions. */
export type ProgressChild = Omit<Child, "kind"> & { kind: (typeof unitKind.enumValues)[number]; submission: { id: number; status: (typeof submissionStatus.enumValues)[number]; version: number } | null };

export type Progress = {
  campaign: { id: number; title: string; docNumber: string };
  level: { id: number; name: string; kind: (typeof unitKind.enumValues)[number] };
  /** The verification submission the level reports in (none for the province). */
  submissionId: number | null;
  confirmation: Confirmation | null;
  children: ProgressChild[];
  waiting: number;
  total: number;
  mayConfirm: boolean;
  /** The province reviewer confirms (approves) each reporting unit that has confirmed. */
  mayApprove: boolean;
};

/**
 * A level's 逐级确认: the units that confirm to it, their state and counts, and whether it may confirm. The level is the
 * actor's unit, or a county or city inside its scope (to look, not to confirm); null outside scope or for a school.
 */
export async function getProgressForActor({ db, actor, campaignId, unitId = actor.unitId }: { db: DbOrTx; actor: Actor; campaignId: number; unitId?: number }): Promise<Progress | null> {
  if (!may(actor.role, "verification.read") || !(await isUnitInScope(db, actor, unitId))) return null;
  const head = await queryRow(
    db,
    { title: col.text, docNumber: col.text, ownerUnitId: col.int, name: col.text, kind: col.oneOf(unitKind.enumValues) },
    sql`select c.title, c.doc_number as "docNumber", c.owner_unit_id as "ownerUnitId", u.name, u.kind
        from campaigns c, units u where c.id = ${campaignId} and c.kind = 'verification' and c.status <> 'draft' and u.id = ${unitId}`,
  );
  if (!head || head.kind === "school" || head.kind === "college") return null;
  const isProvince = head.ownerUnitId === unitId;
  const reporting = isProvince ? null : await reportingSubmissionOf(db, campaignId, unitId);
  if (!isProvince && !reporting) return null;
  const children = isProvince ? await reportingUnits(db, campaignId) : (await childrenOf(db, campaignId, unitId)).map((c) => ({ ...c, submission: null }));
  const confirmation = await confirmationOf(db, campaignId, unitId);
  const own = unitId === actor.unitId;
  return {
    campaign: { id: campaignId, title: head.title, docNumber: head.docNumber },
    level: { id: unitId, name: head.name, kind: head.kind },
    submissionId: reporting?.id ?? null,
    confirmation,
    children,
    ...waitingOn(children),
    mayConfirm: own && !isProvince && may(actor.role, "verification.confirm") && !confirmation,
    mayApprove: own && isProvince && may(actor.role, "verification.approve"),
  };
}

/** The task's reporting units, each with its submission, its confirmation and the items of its whole subtree. */
async function reportingUnits(db: DbOrTx, campaignId: number): Promise<ProgressChild[]> {
  const rows = await queryRows(
    db,
    {
      unitId: col.int,
      name: col.text,
      kind: col.oneOf(unitKind.enumValues),
      confirmedAt: col.instantOrNull,
      open: col.int,
      answered: col.int,
      submissionId: col.int,
      status: col.oneOf(submissionStatus.enumValues),
      version: col.int,
    },
    sql`
    select u.id as "unitId", u.name, u.kind, c.confirmed_at as "confirmedAt",
           (select count(*)::int from discrepancies d where d.campaign_id = ${campaignId} and d.state in ('open', 'returned') and d.unit_id in (select t.id from ${subtree({ roots: sql`(s.unit_id)`, activeOnly: false })} t)) as open,
           (select count(*)::int from discrepancies d where d.campaign_id = ${campaignId} and d.state in ('corrected', 'explained') and d.unit_id in (select t.id from ${subtree({ roots: sql`(s.unit_id)`, activeOnly: false })} t)) as answered,
           s.id as "submissionId", s.status, s.version
    from submissions s
    join units u on u.id = s.unit_id
    left join verification_confirmations c on c.campaign_id = s.campaign_id and c.unit_id = s.unit_id
    where s.campaign_id = ${campaignId}
    order by u.kind in ('school', 'college'), u.sort_order, u.code`,
  );
  return rows.map(({ submissionId, status, version, ...child }) => ({ ...child, submission: { id: submissionId, status, version } }));
}
