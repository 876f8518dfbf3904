"use client";

import { useFormContext } from "react-hook-form";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import type { CreateVerificationInput } from "@/lib/verification/tasks/schemas";
import { schoolYearLabel } from "@/lib/verification/tasks/years";

/** 核验学年: the school year whose figures the task checks; the year before is its 同比 base. */
export function SchoolYearField({ years }: { years: number[] }) {
  const { register, formState } = useFormContext<CreateVerificationInput>();
  const error = formState.errors.schoolYear?.message;
  return (
    <Field id="schoolYear" label="核验学年" error={error} hint="按该学年的参考数据逐校核验；同比变化与上一学年比较。" required>
      <select id="schoolYear" className={inputClass} data-testid="verification-school-year" {...register("schoolYear")} {...describedBy("schoolYear", error)}>
        <option value="">请选择学年</option>
        {years.map((y) => (
          <option key={y} value={y}>
            {schoolYearLabel(y)}
          </option>
        ))}
      </select>
    </Field>
  );
}
