"use client";

import { type Control, Controller, type FieldErrors } from "react-hook-form";
import { BeijingTimeParts } from "@/components/ui/beijing-time-input";
import { Field } from "@/components/ui/field";

export type DeadlineValues = { deadlineDate: string; deadlineTime: string };

/** The city's internal deadline for its delegates, as a Beijing date and time, each with its error. */
export function DeadlineFields<T extends DeadlineValues>({ control, errors, idPrefix }: { control: Control<T>; errors: FieldErrors<T>; idPrefix: string }) {
  const fields = [
    { name: "deadlineDate", label: "下级截止日期（北京时间）", mode: "date" },
    { name: "deadlineTime", label: "下级截止时刻", mode: "time" },
  ] as const;
  return (
    <div className="flex flex-wrap gap-4">
      {fields.map(({ name, label, mode }) => {
        const id = `${idPrefix}-${name}`;
        const error = (errors as FieldErrors<DeadlineValues>)[name]?.message;
        return (
          <Field key={name} id={id} label={label} error={error} required>
            <Controller
              control={control as unknown as Control<DeadlineValues>}
              name={name}
              render={({ field }) => (
                <BeijingTimeParts id={id} mode={mode} value={field.value ?? ""} onChange={field.onChange} testId={id} invalid={!!error} describedBy={error ? `${id}-error` : undefined} />
              )}
            />
          </Field>
        );
      })}
    </div>
  );
}
