"use client";

import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/core/errors";
import type { QuotasInput } from "@/lib/training/plan/schemas";

type Values = { quotas: { unitId: number; seats: number }[] };

/**
 * Seats of one session per unit: the province's per reporting unit (`limit` = the session's capacity), or a city's per
 * county and school (`limit` = the city's own seats). A unit left at 0 has no quota of its own.
 */
export function QuotaForm({
  sessionId,
  units,
  given,
  limit,
  limitLabel,
  save,
}: {
  sessionId: number;
  units: { id: number; name: string }[];
  given: Record<number, number>;
  limit: number;
  limitLabel: string;
  save: (input: QuotasInput) => Promise<ActionResult<{ total: number }>>;
}) {
  const router = useRouter();
  const form = useForm<Values>({ defaultValues: { quotas: units.map((u) => ({ unitId: u.id, seats: given[u.id] ?? 0 })) } });
  const { register, handleSubmit, formState, setError, control } = form;
  const { run, pending } = useAction(save, setError);
  const total = useWatch({ control, name: "quotas" }).reduce((sum, q) => sum + (Number.isFinite(q.seats) ? q.seats : 0), 0);

  const submit = handleSubmit(async ({ quotas }) => {
    const result = await run({ sessionId, quotas: quotas.map((q) => ({ unitId: q.unitId, seats: Number.isFinite(q.seats) ? q.seats : 0 })) });
    if (!result.ok) return;
    toast.success(`名额已保存，合计 ${result.data.total} 个`);
    router.refresh();
  });

  const over = total > limit;
  return (
    <form onSubmit={submit} noValidate aria-label="名额分配" className="flex flex-col gap-3" data-testid={`quota-form-${sessionId}`}>
      {formState.errors.root?.server && <Notice tone="error">{formState.errors.root.server.message}</Notice>}
      <div className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
        {units.map((u, i) => {
          const id = `quota-${sessionId}-${u.id}`;
          return (
            <div key={u.id} className="flex items-center justify-between gap-2">
              <label htmlFor={id} className="text-sm text-slate-700">
                {u.name}
              </label>
              <input id={id} type="number" min={0} className={`${inputClass} w-20 text-right`} {...register(`quotas.${i}.seats`, { valueAsNumber: true })} />
            </div>
          );
        })}
      </div>
      <div className="flex items-center justify-end gap-3 text-sm">
        <span className={over ? "text-red-600" : "text-slate-600"} aria-live="polite" data-testid="quota-total">
          合计 {total} / {limitLabel} {limit}
          {over && `，超出 ${total - limit} 个`}
        </span>
        <Button type="submit" variant="primary" disabled={pending} data-testid="quota-save">
          保存名额
        </Button>
      </div>
    </form>
  );
}
