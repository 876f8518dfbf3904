import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type CampaignStatus, type SubmissionStatus, type UnitKind, unitKind } from "@/db/schema";
import { z } from "zod";
import { col, queryRows } from "@/db/rows";
import type { Actor } from "@/lib/core/actor";
import { assertPermission } from "@/lib/core/policy";
import { activeSubtreeIds } from "@/lib/authz/scope";
import type { ScopeUnit } from "./analyze";
import type { MatchableUnit } from "./match";

/** The left-joined row of a unit that has one: every column of it is there. */
const storedEntry = z.object({ entry_name: col.text, position: col.text, phone: col.text, email: col.text, school_code: col.textOrNull, version: col.int, updated_at: col.instant, updated_by_name: col.textOrNull });

/**
 * The units an import into this submission may name (the reporting unit's active subtree) with
 * their stored rows, and every other active unit, so a row naming one can say it is out of scope.
 */
export async function getImportUnitsBySubmission({
  db,
  submission,
}: {
  db: DbOrTx;
  submission: { unitId: number; campaignId: number };
}): Promise<{ scope: ScopeUnit[]; others: MatchableUnit[] }> {
  const rows = await queryRows(
    db,
    {
      id: col.int,
      name: col.text,
      kind: col.oneOf(unitKind.enumValues),
      registry_code: col.textOrNull,
      in_scope: col.bool,
      entry_name: col.textOrNull,
      position: col.textOrNull,
      phone: col.textOrNull,
      email: col.textOrNull,
      school_code: col.textOrNull,
      version: col.intOrNull,
      updated_at: col.instantOrNull,
      updated_by_name: col.textOrNull,
    },
    sql`
    select u.id, u.name, u.kind, u.school_code as registry_code, u.id in ${activeSubtreeIds(submission.unitId)} as in_scope,
           e.name as entry_name, e.position, e.phone, e.email, e.school_code, e.version, e.updated_at, ub.name as updated_by_name
    from units u
    left join roster_entries e on e.campaign_id = ${submission.campaignId} and e.unit_id = u.id
    left join users ub on ub.id = e.updated_by
    where u.active`,
  );
  const scope: ScopeUnit[] = [];
  const others: MatchableUnit[] = [];
  for (const r of rows) {
    const unit = { id: r.id, name: r.name, kind: r.kind, schoolCode: r.registry_code };
    if (!r.in_scope) {
      others.push(unit);
      continue;
    }
    const stored = r.version === null ? null : storedEntry.parse(r);
    const entry = stored && {
      name: stored.entry_name,
      position: stored.position,
      phone: stored.phone,
      email: stored.email,
      schoolCode: stored.school_code,
      version: stored.version,
      updatedAt: stored.updated_at,
      updatedByName: stored.updated_by_name,
    };
    scope.push({ ...unit, entry });
  }
  return { scope, others };
}

export type ProvinceRosterRow = {
  reportingUnitId: number;
  reportingUnitName: string;
  /** A city-level bureau's table, or a province-affiliated school's own. */
  reportingUnitKind: UnitKind;
  unitName: string;
  schoolCode: string | null;
  name: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  status: SubmissionStatus;
  late: boolean;
  submittedAt: Date | null;
  updatedAt: Date | null;
};

/** Who may download the province's roster: not the auditor, who reads the audit log only. */

/** Every unit a campaign covers, with its reporting unit, its row (if filled) and its submission's status, in registry order. */
export async function getProvinceRosterByCampaign({ db, actor, campaignId }: { db: DbOrTx; actor: Pick<Actor, "role">; campaignId: number }): Promise<ProvinceRosterRow[]> {
  assertPermission(actor, "exports.province");
  const rows = await db.execute(sql`
    with recursive tree(root_id, id, path) as (
      select s.unit_id, s.unit_id, ''::text collate "C"
      from submissions s join units r on r.id = s.unit_id and r.active
      where s.campaign_id = ${campaignId}
      union all
      -- Registry order as a sortable string: each level adds county-first, sort order, code.
      select t.root_id, u.id,
             t.path || '/' || (case when u.kind = 'county_bureau' then '0' else '1' end || lpad(u.sort_order::text, 6, '0') || u.code)
      from units u join tree t on u.reporting_parent_id = t.id
      where u.active
    )
    select r.id as reporting_unit_id, r.name as reporting_unit_name, r.kind as reporting_unit_kind, u.name as unit_name,
           coalesce(e.school_code, u.school_code) as school_code, e.name, e.position, e.phone, e.email,
           s.status, s.late, s.submitted_at, e.updated_at
    from tree t
    join units u on u.id = t.id
    join units r on r.id = t.root_id
    join submissions s on s.campaign_id = ${campaignId} and s.unit_id = t.root_id
    left join roster_entries e on e.campaign_id = ${campaignId} and e.unit_id = u.id
    order by r.sort_order, r.code, t.path`);
  return rows.map((r) => ({
    reportingUnitId: Number(r.reporting_unit_id),
    reportingUnitName: String(r.reporting_unit_name),
    reportingUnitKind: r.reporting_unit_kind as UnitKind,
    unitName: String(r.unit_name),
    schoolCode: (r.school_code as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    position: (r.position as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    status: r.status as SubmissionStatus,
    late: Boolean(r.late),
    submittedAt: r.submitted_at ? new Date(r.submitted_at as string) : null,
    updatedAt: r.updated_at ? new Date(r.updated_at as string) : null,
  }));
}

export type ExportableCampaign = { id: number; title: string; docNumber: string; deadline: Date; status: CampaignStatus; submissions: number; submitted: number };

/** Published and closed campaigns, newest deadline first, with how many tables have come in. */
export async function getExportableCampaigns({ db }: { db: DbOrTx }): Promise<ExportableCampaign[]> {
  const rows = await db.execute(sql`
    select c.id, c.title, c.doc_number, c.deadline, c.status,
           count(s.id)::int as submissions, count(s.id) filter (where s.status in ('submitted', 'approved'))::int as submitted
    from campaigns c left join submissions s on s.campaign_id = c.id
    where c.status <> 'draft'
    group by c.id
    order by c.deadline desc`);
  return rows.map((r) => ({
    id: Number(r.id),
    title: String(r.title),
    docNumber: String(r.doc_number),
    deadline: new Date(r.deadline as string),
    status: r.status as CampaignStatus,
    submissions: Number(r.submissions),
    submitted: Number(r.submitted),
  }));
}
