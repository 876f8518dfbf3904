"use client";

import { useFormContext, useWatch } from "react-hook-form";
import type { ReportingUnitChoice } from "@/lib/campaigns/queries";
import type { UnitsInput } from "@/lib/campaigns/schemas";

export type UnitChoices = { cities: ReportingUnitChoice[]; schools: ReportingUnitChoice[] };

/**
 * The reporting units: all city-level units, all province-affiliated schools, both, or any hand-picked
 * set of them. Each group has its own 全选 box.
 */
export function UnitPicker({ choices, disabled }: { choices: UnitChoices; disabled?: boolean }) {
  const { control, setValue, formState } = useFormContext<UnitsInput>();
  const selected = new Set((useWatch({ control, name: "unitIds" }) ?? []).map(Number));
  const error = formState.errors.unitIds?.message ?? formState.errors.unitIds?.root?.message;
  const set = (ids: Set<number>) => setValue("unitIds", [...ids], { shouldDirty: true, shouldValidate: formState.isSubmitted });

  const group = (legend: string, testId: string, units: ReportingUnitChoice[]) => {
    const all = units.length > 0 && units.every((u) => selected.has(u.id));
    const toggleAll = () => {
      const next = new Set(selected);
      for (const u of units) {
        if (all) next.delete(u.id);
        else next.add(u.id);
      }
      set(next);
    };
    const toggle = (id: number) => {
      const next = new Set(selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set(next);
    };
    return (
      <fieldset className="rounded border border-slate-200 p-3" data-testid={testId}>
        <legend className="px-1 text-sm text-slate-700">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={all} onChange={toggleAll} disabled={disabled || units.length === 0} />
            {legend}（全选 {units.length} 个）
          </label>
        </legend>
        <ul className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {units.map((u) => (
            <li key={u.id}>
              <label className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" checked={selected.has(u.id)} onChange={() => toggle(u.id)} disabled={disabled} />
                {u.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    );
  };

  return (
    <div className="flex flex-col gap-3" aria-describedby={error ? "unitIds-error" : undefined}>
      <p className="text-sm text-slate-600" data-testid="unit-count">
        已选 {selected.size} 个报送单位。市级单位汇总填报本级、所辖县（区）和学校的信息；省属学校直接报送。
      </p>
      {group("市级单位", "unit-group-cities", choices.cities)}
      {group("省属学校及高职院校", "unit-group-schools", choices.schools)}
      {error && (
        <p id="unitIds-error" className="text-xs text-red-600" data-testid="unitIds-error">
          {error}
        </p>
      )}
    </div>
  );
}
