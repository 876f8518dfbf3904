import "server-only";
// The city's 「分派填报」 panel: which of its units it may delegate rows to, where each delegate stands, and who has
// not handed in yet. Two set-based queries whatever the table's size (a city has up to ~2,500 rows).
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { delegatedRowState, delegationState, outboxStatus, userStatus } from "@/db/schema";
import { accountState, lastActivationEmail } from "@/lib/accounts/activation-state";
import { maskEmail } from "@/lib/privacy/mask";
import { subtree } from "@/lib/units/tree";
import { delegateAccount } from "./account";

export type RowDelegation = { delegateUnitName: string; state: (typeof delegatedRowState.enumValues)[number] };

/**
 * What the city may still hand out, county by county in the table's order (and the schools directly under the city,
 * 市直属学校, last, with no county): the county's own row with its delegation if any, and the schools not yet
 * delegated. Delegated schools are only counted: the page carries a name per free row, not thousands of states.
 */
export type DelegableGroup = {
  county: { id: number; name: string; delegation: RowDelegation | null } | null;
  schools: { id: number; name: string }[];
  delegatedSchools: number;
};

/** 未开通, 待激活, 已激活, 邮件发送失败. */
export type DelegateAccountState = "none" | "invited" | "activated" | "email_failed";

export type DelegateSummary = {
  unitId: number;
  unitName: string;
  kind: "county_bureau" | "school";
  deadline: Date;
  state: (typeof delegationState.enumValues)[number];
  rows: number;
  filled: number;
  /** Rows handed in (提交给市级), confirmed ones included. */
  handedIn: number;
  confirmed: number;
  returned: number;
  submittedAt: Date | null;
  submittedByName: string | null;
  /** The rows 收回 gives back to the city: those not yet confirmed. */
  takeBack: number[];
  account: { state: DelegateAccountState; name: string | null; email: string | null };
};

export type DelegationPanel = {
  groups: DelegableGroup[];
  delegates: DelegateSummary[];
  /** 下级填报进度: delegates with every row handed in, of all; and the rest (未填名单), with why. */
  progress: { handedIn: number; total: number; pending: { unitId: number; unitName: string; returned: number; open: number }[] };
};

const KIND = col.oneOf(["county_bureau", "school"]);

export async function getDelegationPanelBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<DelegationPanel> {
  const [groups, delegates] = await Promise.all([delegableGroups(db, submissionId), delegatesOf(db, submissionId)]);
  const pending = delegates
    .filter((d) => d.handedIn < d.rows)
    .map((d) => ({ unitId: d.unitId, unitName: d.unitName, returned: d.returned, open: d.rows - d.handedIn }));
  return { groups, delegates, progress: { handedIn: delegates.length - pending.length, total: delegates.length, pending } };
}

/** In the table's order: the active counties and schools below the city (its own bureau's row stays the city's). */
async function delegableGroups(db: DbOrTx, submissionId: number): Promise<DelegableGroup[]> {
  const rows = await queryRows(
    db,
    { id: col.int, name: col.text, kind: KIND, countyId: col.intOrNull, delegateUnitName: col.textOrNull, rowState: col.oneOf(delegatedRowState.enumValues).nullable() },
    sql`select u.id, u.name, u.kind, case when p.kind = 'county_bureau' then p.id end as "countyId", du.name as "delegateUnitName", r.state as "rowState"
        from ${subtree({ roots: sql`(select unit_id from submissions where id = ${submissionId})`, activeOnly: true, ordered: true })} t
        join units u on u.id = t.id
        left join units p on p.id = u.reporting_parent_id
        left join delegated_rows r on r.submission_id = ${submissionId} and r.unit_id = u.id
        left join delegations d on d.id = r.delegation_id
        left join units du on du.id = d.delegate_unit_id
        where t.depth > 0 and u.kind in ('county_bureau', 'school')
        order by t.path`,
  );
  const counties = new Map<number, DelegableGroup>();
  const direct: DelegableGroup = { county: null, schools: [], delegatedSchools: 0 };
  for (const { id, name, kind, countyId, delegateUnitName, rowState } of rows) {
    const delegation = delegateUnitName && rowState ? { delegateUnitName, state: rowState } : null;
    if (kind === "county_bureau") {
      counties.set(id, { county: { id, name, delegation }, schools: [], delegatedSchools: 0 });
      continue;
    }
    const group = (countyId && counties.get(countyId)) || direct;
    if (delegation) group.delegatedSchools++;
    else group.schools.push({ id, name });
  }
  return [...counties.values(), ...(direct.schools.length + direct.delegatedSchools > 0 ? [direct] : [])];
}

async function delegatesOf(db: DbOrTx, submissionId: number): Promise<DelegateSummary[]> {
  const rows = await queryRows(
    db,
    {
      unitId: col.int,
      unitName: col.text,
      kind: KIND,
      deadline: col.instant,
      state: col.oneOf(delegationState.enumValues),
      rows: col.int,
      filled: col.int,
      handedIn: col.int,
      confirmed: col.int,
      returned: col.int,
      submittedAt: col.instantOrNull,
      submittedByName: col.textOrNull,
      takeBack: z.array(col.int),
      accountName: col.textOrNull,
      accountEmail: col.textOrNull,
      accountStatus: col.oneOf(userStatus.enumValues).nullable(),
      mailStatus: col.oneOf(outboxStatus.enumValues).nullable(),
    },
    sql`with counted as (
          -- A school's row its county handed on counts as the county's: the city deals with the county.
          select coalesce(rd.parent_delegation_id, r.delegation_id) as delegation_id,
                 count(*)::int as rows,
                 count(e.unit_id)::int as filled,
                 count(*) filter (where r.state = 'confirmed' or (r.state = 'submitted' and coalesce(p.state, 'submitted') = 'submitted'))::int as "handedIn",
                 count(*) filter (where r.state = 'confirmed')::int as confirmed,
                 count(*) filter (where r.state = 'returned')::int as returned,
                 coalesce(array_agg(r.unit_id order by r.unit_id) filter (where r.state <> 'confirmed'), '{}') as "takeBack"
          from delegated_rows r
          join delegations rd on rd.id = r.delegation_id
          left join delegations p on p.id = rd.parent_delegation_id
          join submissions s on s.id = r.submission_id
          left join roster_entries e on e.campaign_id = s.campaign_id and e.unit_id = r.unit_id
          where r.submission_id = ${submissionId}
          group by 1
        )
        select d.delegate_unit_id as "unitId", u.name as "unitName", u.kind, d.deadline, d.state,
               c.rows, c.filled, c."handedIn", c.confirmed, c.returned, c."takeBack",
               d.submitted_at as "submittedAt", sb.name as "submittedByName",
               a.name as "accountName", a.email as "accountEmail", a.status as "accountStatus", m.status as "mailStatus"
        from delegations d
        join counted c on c.delegation_id = d.id
        join units u on u.id = d.delegate_unit_id
        left join users sb on sb.id = d.submitted_by
        -- Once per delegate, after counting: the accounts and their emails are looked up a few dozen times, not per row.
        left join lateral ${delegateAccount(sql`u.id`)} a on true
        left join lateral ${lastActivationEmail(sql`a.id`)} m on true
        where d.submission_id = ${submissionId} and d.parent_delegation_id is null
        order by u.kind, u.sort_order, u.code`,
  );
  return rows.map(({ accountName, accountEmail, accountStatus, mailStatus, ...delegate }) => ({
    ...delegate,
    account: {
      state: accountStatus ? (accountState(accountStatus, mailStatus) as DelegateAccountState) : "none",
      name: accountName,
      // The city sees whose account it is, not the full address (as every list of others' contacts).
      email: accountEmail && maskEmail(accountEmail),
    },
  }));
}
