"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { type Resolver, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { updateRule } from "@/lib/verification/rules/actions";
import { SEVERITY_LABELS } from "@/lib/verification/labels";
import { type UpdateRuleInput, updateRuleSchema } from "@/lib/verification/rules/schemas";
import { useAction } from "@/components/ui/use-action";

export type RuleRow = { id: number; code: string; name: string; severity: "error" | "notice"; tolerance: number | null; tolerant: boolean; enabled: boolean; version: number; updated: string | null };

/** One rule: its name, severity, tolerance (as a percentage, for the rules that compare counts) and whether it runs. */
export function RuleForm({ rule }: { rule: RuleRow }) {
  const router = useRouter();
  const form = useForm<UpdateRuleInput>({
    resolver: zodResolver(updateRuleSchema) as unknown as Resolver<UpdateRuleInput>,
    defaultValues: {
      ruleId: rule.id,
      expectedVersion: rule.version,
      name: rule.name,
      severity: rule.severity,
      tolerancePercent: rule.tolerance === null ? "" : String(Math.round(rule.tolerance * 10000) / 100),
      enabled: rule.enabled,
    },
  });
  const { register, handleSubmit, formState, setError } = form;
  const { run, pending } = useAction(updateRule, setError);
  const errors = formState.errors;
  const id = (name: string) => `rule-${rule.code}-${name}`;

  const submit = handleSubmit(async () => {
    const result = await run(form.getValues());
    if (!result.ok) return;
    form.setValue("expectedVersion", result.data.version);
    toast.success("规则已保存，点击「重新核验」后按新规则生成差异。");
    router.refresh();
  });

  return (
    <form onSubmit={submit} noValidate aria-label={rule.name} className="flex flex-col gap-2 border-b border-slate-100 pb-4 last:border-0 last:pb-0" data-testid={`rule-form-${rule.code}`}>
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      <div className="grid grid-cols-1 items-start gap-3 md:grid-cols-[minmax(16rem,1fr)_7rem_8rem_5rem_auto]">
        <Field id={id("name")} label="规则名称" error={errors.name?.message} hint={rule.updated ?? undefined} required>
          <input id={id("name")} className={inputClass} {...register("name")} {...describedBy(id("name"), errors.name?.message)} />
        </Field>
        <Field id={id("severity")} label="级别" error={errors.severity?.message}>
          <select id={id("severity")} className={inputClass} {...register("severity")} {...describedBy(id("severity"), errors.severity?.message)}>
            {Object.entries(SEVERITY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("tolerance")} label="容差（%）" error={errors.tolerancePercent?.message} hint={rule.tolerant ? "超出 ± 该比例即为差异" : "不比较数量"}>
          <input
            id={id("tolerance")}
            inputMode="decimal"
            className={inputClass}
            disabled={!rule.tolerant}
            {...register("tolerancePercent")}
            {...describedBy(id("tolerance"), errors.tolerancePercent?.message)}
          />
        </Field>
        <div className="flex items-center gap-2 md:mt-7">
          <input id={id("enabled")} type="checkbox" className="h-4 w-4" {...register("enabled")} />
          <label htmlFor={id("enabled")} className="text-sm text-slate-700">
            启用
          </label>
        </div>
        <div className="md:mt-6">
          <Button type="submit" disabled={pending} data-testid={`rule-save-${rule.code}`}>
            {pending ? "正在保存…" : "保存"}
          </Button>
        </div>
      </div>
    </form>
  );
}
