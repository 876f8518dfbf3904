// Who besides the reporting unit writes rows of its table: the units the city delegated rows to (分派填报,
// lib/delegation). Kept with the submission's writes, which ask it; lib/delegation decides the delegations themselves.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { delegatedRowState, delegationState } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DomainError, notFound } from "@/lib/core/errors";
import { formatDateTime } from "@/lib/time";
import { delegateMayWrite, NOT_YOUR_TABLE_MESSAGE } from "./workflow";

/** True when the actor's unit was delegated rows of this table. */
async function holdsDelegation(db: DbOrTx, actor: Pick<Actor, "unitId">, submissionId: number): Promise<boolean> {
  const held = await queryRow(db, { held: col.bool }, sql`select exists (select 1 from delegations where submission_id = ${submissionId} and delegate_unit_id = ${actor.unitId}) as held`);
  return held?.held ?? false;
}

/** One delegated row as its delegate's write sees it: where it stands, and who decided it. */
export type DelegateRow = {
  unitId: number;
  state: (typeof delegatedRowState.enumValues)[number];
  unitName: string;
  decidedAt: Date | null;
  decidedByName: string | null;
  /** The unit of whoever confirmed it: the city, or the county a school's row was handed on by. */
  decidedByUnitName: string | null;
  /** The unit the row is handed in to: the county that handed a school's row on to it, else the city. */
  cityName: string;
};

const DELEGATE_ROW = {
  unitId: col.int,
  state: col.oneOf(delegatedRowState.enumValues),
  unitName: col.text,
  decidedAt: col.instantOrNull,
  decidedByName: col.textOrNull,
  decidedByUnitName: col.textOrNull,
  cityName: col.text,
};

/** The rows of the table delegated to the actor's unit (those of `unitId` alone, when given). */
export async function getRowsOfDelegate(db: DbOrTx, actor: Pick<Actor, "unitId">, submissionId: number, unitId?: number): Promise<DelegateRow[]> {
  return queryRows(
    db,
    DELEGATE_ROW,
    sql`select r.unit_id as "unitId", r.state, u.name as "unitName", r.decided_at as "decidedAt", du.name as "decidedByName", duu.name as "decidedByUnitName",
               coalesce(pu.name, cu.name) as "cityName"
        from delegated_rows r
        join delegations d on d.id = r.delegation_id
        left join delegations p on p.id = d.parent_delegation_id
        left join units pu on pu.id = p.delegate_unit_id
        join units u on u.id = r.unit_id
        join submissions s on s.id = r.submission_id
        join units cu on cu.id = s.unit_id
        left join users du on du.id = r.decided_by
        left join units duu on duu.id = du.unit_id
        where r.submission_id = ${submissionId} and d.delegate_unit_id = ${actor.unitId} ${unitId === undefined ? sql`` : sql`and r.unit_id = ${unitId}`}
        order by r.unit_id`,
  );
}

/**
 * Why the delegate may not write its own row now (handed in, or confirmed: naming who decided and when), or null
 * while it holds it open. `keptOnPage`: the refusal answers a form, whose input stays on the page.
 */
export function delegateRowRefusal(row: DelegateRow, { keptOnPage }: { keptOnPage: boolean }): string | null {
  if (delegateMayWrite(row.state)) return null;
  const kept = keptOnPage ? "您的输入仍保留在页面上；" : "";
  if (row.state === "confirmed" || row.state === "accepted")
    return `「${row.unitName}」已由${row.decidedByUnitName ?? row.cityName} ${row.decidedByName ?? ""} 于 ${row.decidedAt ? formatDateTime(row.decidedAt) : ""} 确认，不能再修改。${kept}如需修改，请联系${row.cityName}退回。`;
  return `「${row.unitName}」已提交给${row.cityName}，等待确认，不能修改。${kept}如需修改，请先撤回。`;
}

/**
 * A delegate writes a row only while it holds it open: another unit's row does not exist for it (404); its own row,
 * once handed in or confirmed, is refused naming who decided and when, so the input on screen is not lost unexplained.
 */
export async function assertDelegateMayWrite(db: DbOrTx, actor: Pick<Actor, "unitId">, submissionId: number, unitId: number): Promise<void> {
  const [row] = await getRowsOfDelegate(db, actor, submissionId, unitId);
  if (!row) {
    const takenBack = await queryRow(
      db,
      { at: col.instant, byName: col.textOrNull, unitName: col.text, cityName: col.text, byCounty: col.bool },
      sql`select ev.at, au.name as "byName", u.name as "unitName", coalesce(ev.detail ->> 'byUnitName', cu.name) as "cityName", ev.detail ? 'byUnitName' as "byCounty"
          from submission_events ev
          join submissions s on s.id = ev.submission_id
          join units cu on cu.id = s.unit_id
          join units u on u.id = ${unitId}
          left join users au on au.id = ev.actor_id
          where ev.submission_id = ${submissionId} and ev.action = 'delegation.taken_back' and ev.detail -> 'unitIds' @> to_jsonb(${unitId}::int)
            and ev.detail -> 'delegateUnitIds' @> to_jsonb(${actor.unitId}::int)
          order by ev.at desc, ev.id desc limit 1`,
    );
    if (takenBack) throw new DomainError(`「${takenBack.unitName}」已由${takenBack.cityName} ${takenBack.byName ?? ""} 于 ${formatDateTime(takenBack.at)} 收回，改由${takenBack.byCounty ? "县级" : "市级"}填写。您的输入仍保留在页面上。`);
    // A delegate asking for a row it does not hold finds nothing; a unit that is no delegate only looks at the table.
    if (await holdsDelegation(db, actor, submissionId)) throw notFound();
    throw new DomainError(NOT_YOUR_TABLE_MESSAGE, { kind: "denied" });
  }
  const refusal = delegateRowRefusal(row, { keptOnPage: true });
  if (refusal) throw new DomainError(refusal);
}

/** A delegate's own 分派 in a city's table: what its 提交给市级 and 撤回 carry, and the internal deadline it works to. */
export type ActorDelegation = {
  id: number;
  version: number;
  deadline: Date;
  state: (typeof delegationState.enumValues)[number];
  submittedAt: Date | null;
  cityName: string;
  /** The county that handed the school's row on to it, when it did: the school hands in to it (提交给县级). */
  collectorName: string | null;
  /** A collecting county's: the deadline of the schools it handed rows on to, if any. */
  schoolsDeadline: Date | null;
};

export async function getDelegationOfActor({ db, actor, submissionId }: { db: DbOrTx; actor: Actor; submissionId: number }): Promise<ActorDelegation | null> {
  const delegation = await queryRow(
    db,
    { id: col.int, version: col.int, deadline: col.instant, state: col.oneOf(delegationState.enumValues), submittedAt: col.instantOrNull, cityName: col.text, collectorName: col.textOrNull, schoolsDeadline: col.instantOrNull },
    sql`select d.id, d.version, d.deadline, d.state, d.submitted_at as "submittedAt", cu.name as "cityName", pu.name as "collectorName",
               (select max(c.deadline) from delegations c where c.parent_delegation_id = d.id) as "schoolsDeadline"
        from delegations d join submissions s on s.id = d.submission_id join units cu on cu.id = s.unit_id
        left join delegations p on p.id = d.parent_delegation_id left join units pu on pu.id = p.delegate_unit_id
        where d.submission_id = ${submissionId} and d.delegate_unit_id = ${actor.unitId}`,
  );
  return delegation ?? null;
}
