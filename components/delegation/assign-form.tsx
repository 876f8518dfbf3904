"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { assignRows } from "@/lib/delegation/actions";
import type { DelegableUnit } from "@/lib/delegation/queries";
import { ROW_DELEGATION_LABELS } from "@/lib/delegation/rules";
import { DeadlineFields, type DeadlineValues } from "./deadline-fields";

/** The deadline, and where a refusal of the chosen units lands. */
type AssignValues = DeadlineValues & { unitIds?: string };

type Group = { key: string; title: string; county: DelegableUnit | null; schools: DelegableUnit[] };

/** Each county with its schools, in the table's order; schools directly under the city last (市直属学校). */
function groupsOf(units: readonly DelegableUnit[]): Group[] {
  const groups = new Map<string, Group>();
  const direct: Group = { key: "direct", title: "市直属学校", county: null, schools: [] };
  for (const unit of units) {
    if (unit.kind === "county_bureau") groups.set(String(unit.id), { key: String(unit.id), title: unit.name, county: unit, schools: [] });
    else if (unit.countyId && groups.has(String(unit.countyId))) groups.get(String(unit.countyId))!.schools.push(unit);
    else direct.schools.push(unit);
  }
  return [...groups.values(), ...(direct.schools.length > 0 ? [direct] : [])];
}

function UnitCheckbox({ unit, checked, onChange }: { unit: DelegableUnit; checked: boolean; onChange: (checked: boolean) => void }) {
  const held = unit.delegation;
  return (
    <label className="flex items-center gap-2 py-0.5 text-sm" data-testid="assign-unit" data-unit={unit.name}>
      <input
        type="checkbox"
        checked={checked}
        disabled={held !== null}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={`assign-unit-${unit.id}`}
        aria-label={`选择${unit.name}`}
      />
      <span className={held ? "text-slate-400" : undefined}>{unit.name}</span>
      {held && (
        <span className="text-xs text-slate-500">
          已分派给{held.delegateUnitName}（{ROW_DELEGATION_LABELS[held.state]}）
        </span>
      )}
    </label>
  );
}

/** 分派: choose counties and schools one by one or all at once, whether counties collect their schools, and by when. */
export function AssignForm({ submissionId, units, defaultDeadline }: { submissionId: number; units: DelegableUnit[]; defaultDeadline: DeadlineValues }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [collectSchools, setCollectSchools] = useState(false);
  const form = useForm<AssignValues>({ defaultValues: defaultDeadline });
  const { run, pending } = useAction(assignRows, form.setError);
  const groups = useMemo(() => groupsOf(units), [units]);
  const free = units.filter((u) => !u.delegation);

  const q = query.trim();
  const shown = (u: DelegableUnit) => !q || u.name.includes(q);
  const toggle = (ids: number[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const selectKind = (kind: DelegableUnit["kind"]) => toggle(free.filter((u) => u.kind === kind).map((u) => u.id), true);

  const counties = units.filter((u) => selected.has(u.id) && u.kind === "county_bureau").length;
  const schools = selected.size - counties;

  const submit = form.handleSubmit(async (values) => {
    const result = await run({ submissionId, unitIds: [...selected], collectSchools, deadlineDate: values.deadlineDate, deadlineTime: values.deadlineTime });
    if (!result.ok) return;
    toast.success(result.data.assigned > 0 ? `已分派 ${result.data.assigned} 行` : "所选单位的行已分派，无需重复分派");
    setSelected(new Set());
    router.refresh();
  });

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="assign-form" noValidate>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="assign-search" className="sr-only">
          搜索单位
        </label>
        <input id="assign-search" type="search" placeholder="搜索单位名称" value={query} onChange={(e) => setQuery(e.target.value)} className={`${inputClass} max-w-xs`} data-testid="assign-search" />
        <Button onClick={() => selectKind("county_bureau")} data-testid="assign-all-counties">
          选择全部县（区）
        </Button>
        <Button onClick={() => selectKind("school")} data-testid="assign-all-schools">
          选择全部学校
        </Button>
        <Button variant="link" onClick={() => setSelected(new Set())} disabled={selected.size === 0} data-testid="assign-clear">
          清除选择
        </Button>
      </div>

      <fieldset className="max-h-96 overflow-y-auto rounded border border-slate-200 p-3" data-testid="assign-units" aria-describedby={form.formState.errors.unitIds ? "assign-units-error" : undefined}>
        <legend className="sr-only">选择要分派的单位</legend>
        {groups.map((group) => {
          const titleMatches = q !== "" && group.title.includes(q);
          const matching = q ? group.schools.filter(shown) : [];
          if (q && !titleMatches && matching.length === 0) return null;
          // Schools are listed once their county is opened or a search finds them: a city has thousands.
          const listed = expanded.has(group.key) || titleMatches ? group.schools : matching;
          const chosen = group.schools.filter((school) => selected.has(school.id)).length;
          return (
            <div key={group.key} className="mb-1" data-testid="assign-group" data-county={group.title}>
              <div className="flex flex-wrap items-center gap-x-3">
                {group.county ? (
                  <UnitCheckbox unit={group.county} checked={selected.has(group.county.id)} onChange={(on) => toggle([group.county!.id], on)} />
                ) : (
                  <p className="py-0.5 text-sm font-medium text-slate-700">{group.title}</p>
                )}
                {group.schools.length > 0 && (
                  <Button
                    variant="link"
                    aria-expanded={listed.length > 0}
                    onClick={() => setExpanded((current) => new Set(current.has(group.key) ? [...current].filter((k) => k !== group.key) : [...current, group.key]))}
                    data-testid="assign-group-toggle"
                  >
                    {expanded.has(group.key) ? "收起" : "展开"}所辖学校（{group.schools.length} 所{chosen > 0 ? `，已选 ${chosen} 所` : ""}）
                  </Button>
                )}
              </div>
              {listed.length > 0 && (
                <div className="ml-6">
                  {listed.map((school) => (
                    <UnitCheckbox key={school.id} unit={school} checked={selected.has(school.id)} onChange={(on) => toggle([school.id], on)} />
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

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={collectSchools} onChange={(e) => setCollectSchools(e.target.checked)} data-testid="assign-collect" />
        县（区）统计所辖学校
        <span className="text-xs text-slate-500">（勾选后，所选县（区）连同其所辖学校的行一并分派给该县（区）填写）</span>
      </label>

      <DeadlineFields control={form.control} errors={form.formState.errors} idPrefix="assign" />

      {form.formState.errors.root?.server && <Notice tone="error">{form.formState.errors.root.server.message}</Notice>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending || selected.size === 0} data-testid="assign-submit">
          {pending ? "正在分派…" : "分派"}
        </Button>
        <span className="text-sm text-slate-600" data-testid="assign-count">
          已选 {counties} 个县（区）、{schools} 所学校
        </span>
      </div>
    </form>
  );
}
