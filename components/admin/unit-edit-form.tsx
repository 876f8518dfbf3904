"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { UnitKind } from "@/db/schema";
import { updateUnit } from "@/lib/registry/actions";
import { isSchoolKind, type UpdateUnitInput, type UpdateUnitOutput, updateUnitSchema } from "@/lib/registry/schemas";

/** Name and codes of a unit; its kind is fixed, its parent changes through 「调整上报单位」. */
export function UnitEditForm({ unit }: { unit: { id: number; kind: UnitKind; name: string; code: string; divisionCode: string | null } }) {
  const router = useRouter();
  const school = isSchoolKind(unit.kind);
  const { register, handleSubmit, formState, setError } = useForm<UpdateUnitInput, unknown, UpdateUnitOutput>({
    resolver: zodResolver(updateUnitSchema),
    defaultValues: { unitId: unit.id, name: unit.name, code: unit.code, divisionCode: unit.divisionCode ?? "" },
  });
  const { run: save } = useAction(updateUnit, setError);
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const result = await save(values);
    if (result.ok) {
      toast.success("单位信息已保存");
      router.refresh();
    }
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate aria-label="修改单位信息">
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <Field id="name" label="单位名称" error={errors.name?.message} required>
          <input id="name" className={inputClass} maxLength={80} data-testid="unit-name" {...register("name")} {...describedBy("name", errors.name?.message)} />
        </Field>
        <Field id="code" label={school ? "学校标识码" : "单位代码"} error={errors.code?.message} required>
          <input id="code" className={inputClass} maxLength={20} data-testid="unit-code" {...register("code")} {...describedBy("code", errors.code?.message)} />
        </Field>
        <Field id="divisionCode" label="所在县区代码" error={errors.divisionCode?.message}>
          <input id="divisionCode" className={inputClass} maxLength={10} data-testid="unit-division" {...register("divisionCode")} {...describedBy("divisionCode", errors.divisionCode?.message)} />
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={formState.isSubmitting} data-testid="unit-save">
          {formState.isSubmitting ? "正在保存…" : "保存修改"}
        </Button>
      </div>
    </form>
  );
}
