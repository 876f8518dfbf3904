import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { campaignStatus, type CampaignStatus, submissionStatus, type SubmissionStatus, unitKind, type UnitKind } from "@/db/schema";
import { isCampaignInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { assertPermission } from "@/lib/core/policy";
import { ENTRY, entryJson } from "@/lib/roster/entries";
import { activeSubtreeIds, registryKey, subtree } from "@/lib/units/tree";
import type { ScopeUnit } from "./analyze";
import type { MatchableUnit } from "./match";

const UNIT_KIND = col.oneOf(unitKind.enumValues);

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
      kind: UNIT_KIND,
      schoolCode: col.textOrNull,
      inScope: col.bool,
      entry: col.object(ENTRY).nullable(),
    },
    sql`
    select u.id, u.name, u.kind, u.school_code as "schoolCode", u.id in ${activeSubtreeIds(submission.unitId)} as "inScope",
           ${entryJson()} as entry
    from units u
    left join roster_entries e on e.campaign_id = ${submission.campaignId} and e.unit_id = u.id
    left join users ub on ub.id = e.updated_by
    where u.active`,
  );
  const scope: ScopeUnit[] = [];
  const others: MatchableUnit[] = [];
  for (const { inScope, entry, ...unit } of rows) {
    if (inScope) scope.push({ ...unit, entry });
    else others.push(unit);
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

/** Every unit a campaign covers, with its reporting unit, its row (if filled) and its submission's status, in registry order. */
export async function getProvinceRosterByCampaign({ db, actor, campaignId }: { db: DbOrTx; actor: Pick<Actor, "role">; campaignId: number }): Promise<ProvinceRosterRow[]> {
  assertPermission(actor, "exports.province");
  return queryRows(
    db,
    {
      reportingUnitId: col.int,
      reportingUnitName: col.text,
      reportingUnitKind: UNIT_KIND,
      unitName: col.text,
      schoolCode: col.textOrNull,
      name: col.textOrNull,
      position: col.textOrNull,
      phone: col.textOrNull,
      email: col.textOrNull,
      status: col.oneOf(submissionStatus.enumValues),
      late: col.bool,
      submittedAt: col.instantOrNull,
      updatedAt: col.instantOrNull,
    },
    sql`
    select r.id as "reportingUnitId", r.name as "reportingUnitName", r.kind as "reportingUnitKind", u.name as "unitName",
           coalesce(e.school_code, u.school_code) as "schoolCode", e.name, e.position, e.phone, e.email,
           s.status, s.late, s.submitted_at as "submittedAt", e.updated_at as "updatedAt"
    from ${subtree({ roots: sql`(select unit_id from submissions where campaign_id = ${campaignId})`, activeOnly: true, ordered: true })} t
    join units u on u.id = t.id
    join units r on r.id = t.root_id
    join submissions s on s.campaign_id = ${campaignId} and s.unit_id = t.root_id
    left join roster_entries e on e.campaign_id = ${campaignId} and e.unit_id = u.id
    order by ${registryKey("r")}, t.path`,
  );
}

export type ExportableCampaign = { id: number; title: string; docNumber: string; deadline: Date; status: CampaignStatus; submissions: number; submitted: number };

/** Published and closed campaigns, newest deadline first, with how many tables have come in. */
export async function getExportableCampaigns({ db, actor }: { db: DbOrTx; actor: Pick<Actor, "role" | "unitId"> }): Promise<ExportableCampaign[]> {
  return queryRows(
    db,
    { id: col.int, title: col.text, docNumber: col.text, deadline: col.instant, status: col.oneOf(campaignStatus.enumValues), submissions: col.int, submitted: col.int },
    sql`
    select c.id, c.title, c.doc_number as "docNumber", c.deadline, c.status,
           count(s.id)::int as submissions, count(s.id) filter (where s.status in ('submitted', 'approved'))::int as submitted
    from campaigns c left join submissions s on s.campaign_id = c.id
    where c.status <> 'draft' and c.kind = 'roster' and ${isCampaignInScope(actor, sql`c.owner_unit_id`)}
    group by c.id
    order by c.deadline desc`,
  );
}
