"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { createUnit } from "@/lib/registry/actions";
import { CREATABLE_KINDS, type CreateUnitInput, type CreateUnitOutput, createUnitSchema, isSchoolKind, UNIT_KIND_LABELS } from "@/lib/registry/schemas";
import { type UnitChoice, UnitSelect } from "./unit-select";

/** 新增单位: a bureau or a school, under an active bureau. */
export function UnitCreateForm({ parents, parentId }: { parents: UnitChoice[]; parentId?: number }) {
  const router = useRouter();
  const { register, handleSubmit, formState, setError, control } = useForm<CreateUnitInput, unknown, CreateUnitOutput>({
    resolver: zodResolver(createUnitSchema),
    defaultValues: { kind: "school", name: "", code: "", divisionCode: "", parentId: parentId ?? ("" as unknown as number) },
  });
  const { run: save } = useAction(createUnit, setError);
  const errors = formState.errors;
  const school = isSchoolKind(useWatch({ control, name: "kind" }));
  const onSubmit = handleSubmit(async (values) => {
    const result = await save(values);
    if (result.ok) {
      toast.success(`已新增：${values.name}`);
      router.push(`/admin/units/${result.data.unitId}`);
    }
  });

  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate aria-label="新增单位">
      {errors.root?.server && (
        <Notice tone="error" testId="unit-form-error">
          {errors.root.server.message}
        </Notice>
      )}
      <Field id="kind" label="单位类型" error={errors.kind?.message} required>
        <select id="kind" className={inputClass} data-testid="unit-kind" {...register("kind")} {...describedBy("kind", errors.kind?.message)}>
          {CREATABLE_KINDS.map((k) => (
            <option key={k} value={k}>
              {UNIT_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="name" label="单位名称" error={errors.name?.message} required>
        <input id="name" className={inputClass} maxLength={80} data-testid="unit-name" {...register("name")} {...describedBy("name", errors.name?.message)} />
      </Field>
      <Field
        id="code"
        label={school ? "学校标识码" : "单位代码"}
        hint={school ? "10 位学校教育事业统计标识码，同时作为单位代码" : "一般为行政区划代码，如 130102"}
        error={errors.code?.message}
        required
      >
        <input id="code" className={inputClass} maxLength={20} inputMode={school ? "numeric" : undefined} data-testid="unit-code" {...register("code")} {...describedBy("code", errors.code?.message)} />
      </Field>
      <Field id="divisionCode" label="所在县区代码" hint="学校所在的县（区）代码，如 130102；可不填" error={errors.divisionCode?.message}>
        <input id="divisionCode" className={inputClass} maxLength={10} inputMode="numeric" data-testid="unit-division" {...register("divisionCode")} {...describedBy("divisionCode", errors.divisionCode?.message)} />
      </Field>
      <Field id="parentId" label="上报单位（隶属单位）" hint="选择省教育厅即为省属学校" error={errors.parentId?.message} required>
        <UnitSelect id="parentId" choices={parents} placeholder="请选择" data-testid="unit-parent" {...register("parentId")} {...describedBy("parentId", errors.parentId?.message)} />
      </Field>
      <div>
        <Button type="submit" variant="primary" disabled={formState.isSubmitting} data-testid="unit-save">
          {formState.isSubmitting ? "正在保存…" : "保存"}
        </Button>
      </div>
    </form>
  );
}
