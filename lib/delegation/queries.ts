import "server-only";
// The city's 「分派填报」 panel: which of its units it may delegate rows to (counted, ./groups.ts), where each delegate
// stands, and who has not handed in yet. Two set-based queries whatever the table's size (a city has up to ~2,500 rows).
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { delegationState, outboxStatus, userStatus } from "@/db/schema";
import { accountState, lastActivationEmail } from "@/lib/accounts/activation-state";
import { maskEmail } from "@/lib/privacy/mask";
import { delegateAccount } from "./account";
import { type DelegableGroup, getDelegableGroupsBySubmission } from "./groups";

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

/** The panel of a city's table. */
export async function getDelegationPanelBySubmission({ db, submission }: { db: DbOrTx; submission: { id: number; unitId: number } }): Promise<DelegationPanel> {
  const [groups, delegates] = await Promise.all([getDelegableGroupsBySubmission({ db, submission }), delegatesOf(db, submission.id)]);
  const pending = delegates
    .filter((d) => d.handedIn < d.rows)
    .map((d) => ({ unitId: d.unitId, unitName: d.unitName, returned: d.returned, open: d.rows - d.handedIn }));
  return { groups, delegates, progress: { handedIn: delegates.length - pending.length, total: delegates.length, pending } };
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
