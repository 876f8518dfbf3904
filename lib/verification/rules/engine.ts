// The rules, run for one verification task: every difference between the registry and the latest snapshots is
// computed in one statement over reference_records joined to the units (no loop per school), then upserted as the
// task's discrepancies by (campaign, unit, key), and the items that no longer differ are closed. A source not yet
// imported for the year is no difference: its rules wait for its snapshot.
//
// Answers: an item that still differs keeps its answer (已更正 / 情况说明 / 已退回) while at least one of its two values
// is what was answered (a school that corrected one side sees that side move, and its answer still stands); when both
// values changed, the answer was about figures no longer shown, so the item is reopened (待处理), its previous answer
// left on the row for the school to start from. A closed item that differs again is reopened the same way.
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, jsonParam, queryRow, queryRows } from "@/db/rows";
import type { ReferenceSource, VerificationRule } from "@/db/schema";
import { ancestors, subtree } from "@/lib/units/tree";
import { SOURCES, VOIDED_STATUS } from "../sources";
import { ensureRules, type RuleCode } from "./defaults";
import { type LatestSnapshots, latestSnapshotIds } from "@/lib/verification/snapshots/latest";

export type VerificationRun = { found: number; opened: number; updated: number; closed: number };

const statistics = SOURCES.statistics;
const STATISTICS_LABELS = statistics.fields.map((f) => ({ key: f.key, label: f.label }));
const STATISTICS_TEXT_KEYS = statistics.fields.filter((f) => f.type === "text").map((f) => f.key);
const REQUIRED_INDICATORS = statistics.fields.filter((f) => f.required && f.type !== "text").map((f) => ({ key: f.key, label: f.label }));

/** A field as a number: a JSON number or a numeric string (as an import may keep it); null otherwise. */
function num(fields: SQL): SQL {
  return sql`(case when jsonb_typeof(${fields}) = 'number' then ${fields}::numeric
                   when jsonb_typeof(${fields}) = 'string' and (${fields} #>> '{}') ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${fields} #>> '{}')::numeric end)`;
}

/** Names as the code registry and the unit registry may spell them: NFKC (全角 → 半角), no spaces, no brackets. */
function normalizedName(name: SQL): SQL {
  return sql`regexp_replace(normalize(coalesce(${name}, ''), NFKC), '[][(){}【】〔〕《》<>[:space:]]', '', 'g')`;
}

/** Beyond a relative tolerance of `base` (any difference from a base of zero is beyond it). */
function beyond(value: SQL, base: SQL, tolerance: number): SQL {
  return sql`abs(${value} - ${base}) > ${tolerance}::numeric * abs(${base})`;
}

/** The snapshot's line of the school whose code is `on`, as `alias`. */
function records(snapshotId: number, alias: string, on: SQL): SQL {
  const r = sql.identifier(alias);
  return sql`join reference_records ${r} on ${r}.snapshot_id = ${snapshotId} and ${r}.school_code = ${on}`;
}

type Context = { ownerUnitId: number; schoolYear: number; current: LatestSnapshots; previous: LatestSnapshots; rules: Map<string, VerificationRule> };

/** The SELECTs of the enabled rules whose snapshots exist, each giving (unit_id, rule_code, key, subject, left/right label and value). */
function parts({ ownerUnitId, schoolYear, current, previous, rules }: Context): SQL[] {
  const on = (code: RuleCode) => rules.get(code)?.enabled === true;
  const tolerance = (code: RuleCode) => rules.get(code)?.tolerance ?? 0;
  const found: SQL[] = [];
  const sources = Object.entries(current) as [ReferenceSource, number][];

  for (const [source, snapshotId] of sources) {
    const label = SOURCES[source].label;
    if (on("missing_from_source"))
      found.push(sql`select g.unit_id, 'missing_from_source', ${`missing_from_source:${source}`}, ${`学校是否在「${label}」中`}, '单位名册', g.name || '（' || g.school_code || '）', ${label}, null::text
        from registry g where not exists (select 1 from reference_records r where r.snapshot_id = ${snapshotId} and r.school_code = g.school_code)`);
    // A code no school of the registry has belongs to nobody below: it is the province's item. A voided code in the
    // code registry is its history, not an extra school.
    if (on("extra_in_source"))
      found.push(sql`select ${ownerUnitId}::int, 'extra_in_source', ${`extra_in_source:${source}:`} || r.school_code, ${`「${label}」中的学校是否在名册中`}, '单位名册', null::text, ${label}, r.school_code || coalesce(' ' || (r.fields->>'name'), '')
        from reference_records r where r.snapshot_id = ${snapshotId} and not exists (select 1 from registry g where g.school_code = r.school_code)
        ${source === "school_codes" ? sql`and (r.fields->>'status') is distinct from ${VOIDED_STATUS}` : sql``}`);
  }

  const codes = current.school_codes;
  if (codes !== undefined) {
    if (on("voided_code"))
      found.push(sql`select g.unit_id, 'voided_code', 'voided_code', '学校标识码状态', '单位名册', g.school_code, '学校（机构）代码', r.fields->>'status'
        from registry g ${records(codes, "r", sql`g.school_code`)} where r.fields->>'status' = ${VOIDED_STATUS}`);
    if (on("name_differs"))
      found.push(sql`select g.unit_id, 'name_differs', 'name_differs', '学校名称', '单位名册', g.name, '学校（机构）代码', r.fields->>'name'
        from registry g ${records(codes, "r", sql`g.school_code`)} where ${normalizedName(sql`g.name`)} <> ${normalizedName(sql`r.fields->>'name'`)}`);
    // The school's county is its nearest bureau above with a division code: a county's (6 digits) for most; a school
    // directly under a city (or 雄安, whose bureau has no code of its own) or under the province compares at that
    // level, the 驻地区划代码's first 4 or 2 digits. A longer 驻地区划代码 (乡镇, 12 digits) compares by its prefix.
    if (on("county_differs"))
      found.push(sql`select g.unit_id, 'county_differs', 'county_differs', '驻地区划', '单位名册所属', b.name || '（' || b.division_code || '）', '学校（机构）代码 驻地区划代码', r.fields->>'divisionCode'
        from registry g join bureau b on b.unit_id = g.unit_id ${records(codes, "r", sql`g.school_code`)}
        where left(coalesce(r.fields->>'divisionCode', ''), length(b.division_code)) <> b.division_code`);
  }

  const stats = current.statistics;
  const cross = (code: RuleCode, source: "students" | "teachers", key: string, statisticsKey: string, subject: string, leftLabel: string, rightLabel: string) => {
    const snapshotId = current[source];
    if (stats === undefined || snapshotId === undefined || !on(code)) return;
    found.push(sql`select g.unit_id, ${code}, ${code}, ${subject}, ${leftLabel}, o.fields->>${key}, ${rightLabel}, s.fields->>${statisticsKey}
      from registry g ${records(snapshotId, "o", sql`g.school_code`)} ${records(stats, "s", sql`g.school_code`)}
      where ${beyond(num(sql`(o.fields->${key})`), num(sql`(s.fields->${statisticsKey})`), tolerance(code))}`);
  };
  cross("students_vs_statistics", "students", "enrolled", "students", "学生数", "学生系统 在籍学生数", "事业统计 在校生数");
  cross("teachers_vs_statistics", "teachers", "fullTimeTeachers", "fullTimeTeachers", "专任教师数", "教师系统 专任教师数", "事业统计 专任教师数");

  if (stats !== undefined && on("blank_indicator"))
    found.push(sql`select g.unit_id, 'blank_indicator', 'blank_indicator:statistics.' || f.key, f.label || '（事业统计）', '事业统计', s.fields->>f.key, '要求', '不为空且大于零'
      from registry g ${records(stats, "s", sql`g.school_code`)}
      cross join jsonb_to_recordset(${jsonParam(REQUIRED_INDICATORS)}) f(key text, label text)
      where coalesce(${num(sql`(s.fields->f.key)`)}, 0) = 0`);

  // 同比: every indicator of the year's 事业统计 (each field but its name and code) against the year before.
  const base = previous.statistics;
  if (stats !== undefined && base !== undefined && on("year_on_year"))
    found.push(sql`select g.unit_id, 'year_on_year', 'year_on_year:statistics.' || e.key, coalesce(l.label, e.key) || '（同比）', ${`${schoolYear - 1}学年`}, b.value #>> '{}', ${`${schoolYear}学年`}, e.value #>> '{}'
      from registry g ${records(stats, "s", sql`g.school_code`)} ${records(base, "p", sql`g.school_code`)}
      cross join lateral jsonb_each(s.fields) e
      join lateral jsonb_each(p.fields) b on b.key = e.key
      cross join lateral (select ${num(sql`e.value`)} as value, ${num(sql`b.value`)} as base) n
      left join jsonb_to_recordset(${jsonParam(STATISTICS_LABELS)}) l(key text, label text) on l.key = e.key
      where e.key <> all(${`{${STATISTICS_TEXT_KEYS.join(",")}}`}::text[])
        and n.base <> 0 and ${beyond(sql`n.value`, sql`n.base`, tolerance("year_on_year"))}`);
  return found;
}

/** The verification task's owner and school year; null when the campaign is no verification task. */
async function taskOf(tx: Tx, campaignId: number) {
  return queryRow(
    tx,
    { ownerUnitId: col.int, schoolYear: col.int },
    sql`select c.owner_unit_id as "ownerUnitId", t.school_year as "schoolYear" from campaigns c join verification_tasks t on t.campaign_id = c.id where c.id = ${campaignId}`,
  );
}

/** Runs the province's enabled rules for the task and brings its discrepancies up to date. */
export async function runVerification(tx: Tx, { campaignId, now }: { campaignId: number; now: Date }): Promise<VerificationRun> {
  const task = await taskOf(tx, campaignId);
  if (!task) throw new Error(`campaign ${campaignId} is no verification task`);
  const rules = new Map((await ensureRules(tx, task.ownerUnitId)).map((r) => [r.code, r]));
  const current = await latestSnapshotIds(tx, task.ownerUnitId, task.schoolYear);
  const previous = await latestSnapshotIds(tx, task.ownerUnitId, task.schoolYear - 1);
  const found = parts({ ...task, current, previous, rules });
  // The planner prices the expansion of every indicator high enough to compile the statement (JIT), which costs
  // more (about half a second) than it ever saves on a run of a few seconds.
  await tx.execute(sql`set local jit = off`);
  const union = found.length > 0 ? sql.join(found, sql` union all `) : sql`select null::int, null::text, null::text, null::text, null::text, null::text, null::text, null::text where false`;
  const roots = sql`(select unit_id from campaign_assignments where campaign_id = ${campaignId})`;
  const [counts] = await queryRows(
    tx,
    { found: col.int, opened: col.int, updated: col.int, closed: col.int },
    sql`
    with registry as materialized (
      select u.id as unit_id, u.school_code, u.name
      from units u where u.id in (select t.id from ${subtree({ roots, activeOnly: true })} t)
        and u.kind in ('school', 'college') and u.school_code is not null
    ),
    bureau as materialized (
      select distinct on (a.unit_id) a.unit_id, b.name, b.division_code
      from ${ancestors(sql`(select unit_id from registry)`)} a join units b on b.id = a.id
      where a.depth > 0 and b.division_code is not null and b.kind in ('county_bureau', 'city_bureau', 'province_bureau')
      order by a.unit_id, a.depth
    ),
    found(unit_id, rule_code, key, subject, left_label, left_value, right_label, right_value) as materialized (${union}),
    upserted as (
      insert into discrepancies as d (campaign_id, unit_id, rule_id, key, severity, subject, left_label, left_value, right_label, right_value, state, detected_at)
      select ${campaignId}, f.unit_id, r.id, f.key, r.severity, f.subject, f.left_label, f.left_value, f.right_label, f.right_value, 'open', ${now.toISOString()}::timestamptz
      from found f join verification_rules r on r.owner_unit_id = ${task.ownerUnitId} and r.code = f.rule_code
      on conflict (campaign_id, unit_id, key) do update set
        rule_id = excluded.rule_id, severity = excluded.severity, subject = excluded.subject,
        left_label = excluded.left_label, left_value = excluded.left_value, right_label = excluded.right_label, right_value = excluded.right_value,
        state = case when d.state = 'closed' then 'open'
                     when d.left_value is distinct from excluded.left_value and d.right_value is distinct from excluded.right_value then 'open'
                     else d.state end,
        closed_at = null,
        version = d.version + 1
      where d.state = 'closed'
         or (d.rule_id, d.severity, d.subject, d.left_label, d.left_value, d.right_label, d.right_value)
            is distinct from (excluded.rule_id, excluded.severity, excluded.subject, excluded.left_label, excluded.left_value, excluded.right_label, excluded.right_value)
      returning (xmax = 0) as inserted
    ),
    closed as (
      update discrepancies d set state = 'closed', closed_at = ${now.toISOString()}::timestamptz, version = d.version + 1
      where d.campaign_id = ${campaignId} and d.state <> 'closed'
        and not exists (select 1 from found f where f.unit_id = d.unit_id and f.key = d.key)
      returning 1
    )
    select (select count(*) from found)::int as found,
           (select count(*) from upserted where inserted)::int as opened,
           (select count(*) from upserted where not inserted)::int as updated,
           (select count(*) from closed)::int as closed`,
  );
  return counts;
}

/**
 * After a snapshot of `schoolYear` is imported: re-runs every open verification task of the province that reads it
 * (the tasks of that year, and of the year after, whose 同比 base it is).
 */
export async function rerunAfterSnapshot(tx: Tx, { ownerUnitId, schoolYear, now }: { ownerUnitId: number; schoolYear: number; now: Date }): Promise<void> {
  const tasks = await queryRows(
    tx,
    { campaignId: col.int },
    sql`select c.id as "campaignId" from campaigns c join verification_tasks t on t.campaign_id = c.id
        where c.owner_unit_id = ${ownerUnitId} and c.status <> 'closed' and t.school_year in (${schoolYear}, ${schoolYear + 1}) order by c.id`,
  );
  for (const { campaignId } of tasks) await runVerification(tx, { campaignId, now });
}
