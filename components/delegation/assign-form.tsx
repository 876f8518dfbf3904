"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { DelegableGroup, FreeSchool, RowDelegation } from "@/lib/delegation/groups";
import { type DeciderKind, ROW_DELEGATION_LABELS } from "@/lib/delegation/rules";
import { DeadlineFields, type DeadlineValues } from "./deadline-fields";
import { DECIDER_ACTIONS } from "./decider-actions";
import { groupKeyOf, useFreeSchools } from "./free-schools";

/** The deadline, and where a refusal of the chosen units lands. */
type AssignValues = DeadlineValues & { unitIds?: string };

/** The group a chosen county itself is kept under: it is not one of any group's schools. */
const COUNTY = "county";
const groupKey = (group: DelegableGroup) => groupKeyOf(group.county?.id ?? null);
const groupTitle = (group: DelegableGroup, decider: DeciderKind) => group.county?.name ?? (decider === "city" ? "市直属学校" : "所辖学校");

function UnitCheckbox({ id, name, delegation, checked, onChange }: { id: number; name: string; delegation?: RowDelegation | null; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 py-0.5 text-sm" data-testid="assign-unit" data-unit={name}>
      <input type="checkbox" checked={checked} disabled={Boolean(delegation)} onChange={(e) => onChange(e.target.checked)} data-testid={`assign-unit-${id}`} aria-label={`选择${name}`} />
      <span className={delegation ? "text-slate-400" : undefined}>{name}</span>
      {delegation && (
        <span className="text-xs text-slate-500">
          已分派给{delegation.delegateUnitName}（{ROW_DELEGATION_LABELS[delegation.state]}）
        </span>
      )}
    </label>
  );
}

/**
 * 分派: choose counties and schools one by one or all at once, whether counties collect their schools, and by when.
 * A collecting county (`decider` "county") chooses among its schools (one group, no county, `schools` given) which fill their own rows.
 */
export function AssignForm({
  submissionId,
  groups,
  schools: inline,
  defaultDeadline,
  decider = "city",
}: {
  submissionId: number;
  groups: DelegableGroup[];
  /** The free schools, when the page carries them; without, they are asked for as a county is opened or a search typed. */
  schools?: FreeSchool[];
  defaultDeadline: DeadlineValues;
  decider?: DeciderKind;
}) {
  const city = decider === "city";
  const router = useRouter();
  // Each chosen unit with its group (a county itself under COUNTY), so that a group counts its chosen schools.
  const [selected, setSelected] = useState<Map<number, string>>(new Map());
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [collectSchools, setCollectSchools] = useState(false);
  const form = useForm<AssignValues>({ defaultValues: defaultDeadline });
  const { run, pending } = useAction(DECIDER_ACTIONS[decider].assign, form.setError);
  const freeCounties = useMemo(() => groups.flatMap((g) => (g.county && !g.county.delegation ? [g.county.id] : [])), [groups]);

  const q = query.trim();
  const schoolList = useFreeSchools(submissionId, q, inline);
  const { load } = schoolList;
  const toggle = (units: [number, string][], on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const [id, group] of units) {
        if (on) next.set(id, group);
        else next.delete(id);
      }
      return next;
    });
  const toggleSchools = (list: FreeSchool[], on: boolean) => toggle(list.map((school) => [school.id, groupKeyOf(school.countyId)]), on);

  const counties = [...selected.values()].filter((group) => group === COUNTY).length;
  const schools = selected.size - counties;
  // A county whose name the search finds lists all its schools.
  const titleMatches = (group: DelegableGroup) => q !== "" && groupTitle(group, decider).includes(q);
  useEffect(() => {
    for (const group of groups) if (q !== "" && groupTitle(group, decider).includes(q)) void load(groupKey(group));
  }, [groups, q, decider, load]);

  const submit = form.handleSubmit(async (values) => {
    const result = await run({ submissionId, unitIds: [...selected.keys()], ...(city && { collectSchools }), deadlineDate: values.deadlineDate, deadlineTime: values.deadlineTime });
    if (!result.ok) return;
    toast.success(result.data.assigned > 0 ? `已分派 ${result.data.assigned} 行` : "所选单位的行已分派，无需重复分派");
    setSelected(new Map());
    router.refresh();
  });

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid={city ? "assign-form" : "assign-schools-form"} noValidate>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="assign-search" className="sr-only">
          搜索单位
        </label>
        <input id="assign-search" type="search" placeholder="搜索单位名称" value={query} onChange={(e) => setQuery(e.target.value)} className={`${inputClass} max-w-xs`} data-testid="assign-search" />
        {city && (
          <Button onClick={() => toggle(freeCounties.map((id) => [id, COUNTY]), true)} data-testid="assign-all-counties">
            选择全部县（区）
          </Button>
        )}
        <Button onClick={async () => toggleSchools(await schoolList.all(), true)} data-testid="assign-all-schools">
          选择全部学校
        </Button>
        <Button variant="link" onClick={() => setSelected(new Map())} disabled={selected.size === 0} data-testid="assign-clear">
          清除选择
        </Button>
      </div>

      <fieldset className="max-h-96 overflow-y-auto rounded border border-slate-200 p-3" data-testid="assign-units" aria-describedby={form.formState.errors.unitIds ? "assign-units-error" : undefined}>
        <legend className="sr-only">选择要分派的单位</legend>
        {groups.map((group) => {
          const key = groupKey(group);
          const title = groupTitle(group, decider);
          const matching = q ? schoolList.matching(key) : [];
          if (q && !titleMatches(group) && matching.length === 0) return null;
          // Schools are listed once their county is opened or a search finds them: a city has thousands.
          const opened = expanded.has(key) || titleMatches(group);
          const listed = opened ? (schoolList.ofGroup(key) ?? []) : matching;
          const chosen = [...selected.values()].filter((g) => g === key).length;
          return (
            <div key={key} className="mb-1" data-testid="assign-group" data-county={title}>
              <div className="flex flex-wrap items-center gap-x-3">
                {group.county ? (
                  <UnitCheckbox id={group.county.id} name={group.county.name} delegation={group.county.delegation} checked={selected.has(group.county.id)} onChange={(on) => toggle([[group.county!.id, COUNTY]], on)} />
                ) : (
                  <p className="py-0.5 text-sm font-medium text-slate-700">{title}</p>
                )}
                {group.freeSchools > 0 && (
                  <Button
                    variant="link"
                    aria-expanded={listed.length > 0}
                    onClick={() => {
                      if (!expanded.has(key)) void load(key);
                      setExpanded((current) => new Set(current.has(key) ? [...current].filter((k) => k !== key) : [...current, key]));
                    }}
                    data-testid="assign-group-toggle"
                  >
                    {expanded.has(key) ? "收起" : "展开"}待分派的学校（{group.freeSchools} 所{chosen > 0 ? `，已选 ${chosen} 所` : ""}）
                  </Button>
                )}
                {group.delegatedSchools > 0 && <span className="text-xs text-slate-500">另有 {group.delegatedSchools} 所学校已分派</span>}
              </div>
              {opened && !schoolList.ofGroup(key) && <p className="ml-6 py-0.5 text-xs text-slate-500">正在加载…</p>}
              {listed.length > 0 && (
                <div className="ml-6">
                  {listed.map((school) => (
                    <UnitCheckbox key={school.id} id={school.id} name={school.name} checked={selected.has(school.id)} onChange={(on) => toggleSchools([school], on)} />
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
      {form.formState.errors.unitIds && (
        <p id="assign-units-error" className="text-xs text-red-600" data-testid="assign-units-error">
          {form.formState.errors.unitIds.message}
        </p>
      )}

      {city && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={collectSchools} onChange={(e) => setCollectSchools(e.target.checked)} data-testid="assign-collect" />
          县（区）统计所辖学校
          <span className="text-xs text-slate-500">（勾选后，所选县（区）连同其所辖学校的行一并分派给该县（区）填写）</span>
        </label>
      )}

      <DeadlineFields control={form.control} errors={form.formState.errors} idPrefix={city ? "assign" : "assign-schools"} />

      {form.formState.errors.root?.server && <Notice tone="error">{form.formState.errors.root.server.message}</Notice>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending || selected.size === 0} data-testid="assign-submit">
          {pending ? "正在分派…" : city ? "分派" : "分派给学校"}
        </Button>
        <span className="text-sm text-slate-600" data-testid="assign-count">
          已选 {city && `${counties} 个县（区）、`}
          {schools} 所学校
        </span>
      </div>
    </form>
  );
}
