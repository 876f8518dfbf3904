import "server-only";
// The part of a table one page shows, found in SQL: the search, the state filter, the counts of every state over the whole
// table and the page's place in it, so that a page reads its 100 rows whatever the table's size (a city has ~2,500).
// The same semantics as pageRows in tests/support/paging.ts (the JavaScript it replaced), which tests/integration/table-sql.test.ts holds it to.
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, intArray, queryRow } from "@/db/rows";
import { activeSubtreeIds, subtree } from "@/lib/units/tree";
import { ROW_FLAGGED } from "./entries";
import { PAGE_SIZE, ROW_STATES, searchNeedle, TABLE_STATES, type TablePage, type TableState, type TableView } from "./paging";
import type { SubmissionHeader } from "./queries";

/** Whose rows of a submission's table: `visibleRootId`'s subtree, and with `delegatedTo` the rows delegated to that unit. */
export type TableScope = {
  submission: Pick<SubmissionHeader, "id" | "campaignId" | "unitId">;
  visibleRootId: number;
  delegatedTo?: number;
};

/** The row `roster_entries e` of a unit `units u` in the submission's table, and its 分派 (`delegated_rows dr`, `delegations d` and the collecting county's `pd`). */
export function rowJoins(submission: TableScope["submission"]): SQL {
  return sql`left join roster_entries e on e.campaign_id = ${submission.campaignId} and e.unit_id = u.id
    left join delegated_rows dr on dr.submission_id = ${submission.id} and dr.unit_id = u.id
    left join delegations d on d.id = dr.delegation_id
    left join delegations pd on pd.id = d.parent_delegation_id`;
}

/**
 * The covered units `t` (registry order by `t.path`) with `units u` and rowJoins, then the scope's condition: the FROM and
 * WHERE of every read of the whole table.
 */
export function tableRowsFrom({ submission, visibleRootId, delegatedTo }: TableScope): { from: SQL; where: SQL } {
  return {
    from: sql`${subtree({ roots: submission.unitId, activeOnly: true, ordered: true })} t
    join units u on u.id = t.id
    ${rowJoins(submission)}`,
    where: sql`${visibleRootId === submission.unitId ? sql`true` : sql`t.id in ${activeSubtreeIds(visibleRootId)}`}
    ${delegatedTo === undefined ? sql`` : sql`and ${delegatedTo} in (d.delegate_unit_id, pd.delegate_unit_id)`}`,
  };
}

/** Who reads the table: their unit, and whether they are its filler (who sees every phone in full, as seesContactOf). */
export type TableReader = { unitId: number; filler: boolean };

// coalesce: an undelegated row has no d, and `not null` would count it as neither masked nor seen.
const sees = (reader: TableReader) => sql`(${reader.filler}::boolean or u.id = ${reader.unitId} or coalesce(d.delegate_unit_id = ${reader.unitId}, false))`;

/** maskPhone (lib/privacy/mask.ts) in SQL: a masked reader's search finds the phone as it is shown, not the number behind it. */
const maskedPhone = (phone: SQL) => sql`case when length(${phone}) <= 2 then '****'
  when length(${phone}) <= 7 then left(${phone}, 1) || '****' || right(${phone}, 1)
  else left(${phone}, 3) || '****' || right(${phone}, 4) end`;

/** Unit name, administrator or phone containing the search, folded as searchNeedle folds it. */
function searchCondition(q: string, reader: TableReader): SQL {
  if (!q) return sql`true`;
  const needle = searchNeedle(q);
  const found = (text: SQL) => {
    const hay = sql`lower(normalize(${text}, NFKC))`;
    const digits = needle.digits ? sql` or strpos(regexp_replace(${hay}, '[^0-9]', '', 'g'), ${needle.digits}) > 0` : sql``;
    return sql`coalesce(strpos(${hay}, ${needle.text}) > 0${digits}, false)`;
  };
  const phone = sql`case when ${sees(reader)} then e.phone else ${maskedPhone(sql`e.phone`)} end`;
  return sql`(${found(sql`u.name`)} or ${found(sql`e.name`)} or ${found(phone)})`;
}

const ROW_STATE_CONDITIONS: Record<keyof typeof ROW_STATES, SQL> = { filled: sql`filled`, empty: sql`not filled`, flagged: sql`flagged` };
const stateCondition = (state: TableState) => (state in ROW_STATE_CONDITIONS ? ROW_STATE_CONDITIONS[state as keyof typeof ROW_STATES] : sql`delegation = ${state}`);

export type PageUnit = { unitId: number; ordinal: number; depth: number };

/**
 * How a reader looks at the table: what it calls 有问题 (the table page's ROW_FLAGGED unless said), with `only` the
 * units it narrows the table to before searching and counting (a reviewer's 「只看有修改的行」), and with `flags` a
 * count per row added up over the whole table (the review's 自动提示), in the same pass.
 */
export type TableLens = { flagged?: SQL; only?: readonly number[]; flags?: SQL };

export type TablePlace = {
  /** The page's units, each with its place (from 1) among the rows the lens keeps and its depth below the reporting unit. */
  units: PageUnit[];
  /** What the controls show: the rows the lens keeps (all of them without `only`) and in each state, matched, the page. */
  table: Omit<TablePage<never>, "rows">;
  /** Some filled row of the whole table shows its phone and email masked to this reader (「查看完整信息」 is offered). */
  masked: boolean;
  /** The whole table's rows and filled rows, whatever the lens keeps, and its `flags` added up (0 without). */
  whole: { total: number; filled: number; flags: number };
};

/** Which rows of the table (in scope) the view shows, and the counts its controls show; the rows themselves are read by unit. */
export async function getTablePlaceBySubmission({
  db,
  scope,
  reader,
  view,
  lens = {},
}: {
  db: DbOrTx;
  scope: TableScope;
  reader: TableReader;
  view: TableView;
  lens?: TableLens;
}): Promise<TablePlace> {
  const { from, where } = tableRowsFrom(scope);
  const kept = sql`in_lens and ${view.state ? stateCondition(view.state) : sql`true`} and found`;
  const counts = sql.join(
    TABLE_STATES.map((state) => sql`${state}::text, count(*) filter (where in_lens and ${stateCondition(state)})`),
    sql`, `,
  );
  const inLens = lens.only ? sql`u.id = any(${intArray([...lens.only])})` : sql`true`;
  const place = await queryRow(
    db,
    {
      total: col.int,
      wholeTotal: col.int,
      wholeFilled: col.int,
      wholeFlags: col.int,
      matched: col.int,
      masked: col.bool,
      counts: col.json<Record<TableState, number>>(),
      rows: z.array(z.object({ unitId: z.number().int(), ordinal: z.number().int(), depth: z.number().int() })),
    },
    sql`
    with tbl as materialized (
      select u.id as unit_id, row_number() over (partition by ${inLens} order by t.path) as ordinal, t.depth, e.id is not null as filled, ${lens.flagged ?? ROW_FLAGGED} as flagged, ${lens.flags ?? sql`0`} as flags, ${inLens} as in_lens,
             coalesce(dr.state::text, 'undelegated') as delegation, ${searchCondition(view.q, reader)} as found,
             e.id is not null and not ${sees(reader)} as masked
      from ${from}
      where ${where}
    ),
    totals as (
      select count(*) filter (where in_lens)::int as total, count(*) filter (where ${kept})::int as matched, coalesce(bool_or(masked), false) as masked,
             json_build_object(${counts}) as counts, count(*)::int as "wholeTotal", count(*) filter (where filled)::int as "wholeFilled", coalesce(sum(flags), 0)::int as "wholeFlags"
      from tbl
    )
    select total, "wholeTotal", "wholeFilled", "wholeFlags", matched, masked, counts,
           (select coalesce(json_agg(json_build_object('unitId', p.unit_id, 'ordinal', p.ordinal, 'depth', p.depth) order by p.ordinal), '[]')
            from (select unit_id, ordinal, depth from tbl where ${kept} order by ordinal
                  limit ${PAGE_SIZE} offset (least(${view.page}::int, greatest(1, ceil(matched / ${PAGE_SIZE}::numeric)::int)) - 1) * ${PAGE_SIZE}) p) as rows
    from totals`,
  );
  const { total, wholeTotal, wholeFilled, wholeFlags, matched, masked, counts: stateCounts, rows } = place!;
  const pages = Math.max(1, Math.ceil(matched / PAGE_SIZE));
  return { units: rows, table: { total, counts: stateCounts, matched, page: Math.min(view.page, pages), pages }, masked, whole: { total: wholeTotal, filled: wholeFilled, flags: wholeFlags } };
}
