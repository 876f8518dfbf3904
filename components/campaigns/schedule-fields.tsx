"use client";

import { Controller, useFieldArray, useFormContext } from "react-hook-form";
import { BeijingTimeParts } from "@/components/ui/beijing-time-input";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { MAX_REMINDERS, type ScheduleInput } from "@/lib/campaigns/schemas";
import { DEFAULT_REMINDER_OFFSETS, offsetToSlot } from "@/lib/campaigns/schedule";

/** The deadline as a Beijing date and time, and the reminder slots relative to it. */
export function ScheduleFields() {
  const { register, control, formState } = useFormContext<ScheduleInput>();
  const { fields, append, remove, replace } = useFieldArray({ control, name: "reminders" });
  const errors = formState.errors;
  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-[auto_auto_1fr]">
        {(["deadlineDate", "deadlineTime"] as const).map((name) => {
          const error = errors[name]?.message;
          return (
            <Field key={name} id={name} label={name === "deadlineDate" ? "截止日期（北京时间）" : "截止时刻"} error={error} required>
              <Controller
                control={control}
                name={name}
                render={({ field }) => (
                  <BeijingTimeParts
                    id={name}
                    mode={name === "deadlineDate" ? "date" : "time"}
                    value={field.value ?? ""}
                    onChange={field.onChange}
                    testId={name === "deadlineDate" ? "deadline-date" : "deadline-time"}
                    invalid={!!error}
                    describedBy={error ? `${name}-error` : undefined}
                  />
                )}
              />
            </Field>
          );
        })}
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm text-slate-700">提醒时间</legend>
        <p className="text-xs text-slate-500">到点时，系统向尚未提交的报送单位发送提醒邮件；任务结束后不再提醒。</p>
        {fields.map((field, i) => {
          const e = errors.reminders?.[i];
          const message = e?.amount?.message ?? e?.when?.message ?? e?.unit?.message;
          const id = `reminders.${i}.amount`;
          return (
            <div key={field.id} className="flex flex-col gap-1" data-testid="reminder-row">
              <div className="flex flex-wrap items-center gap-2">
                <label className="sr-only" htmlFor={`reminders.${i}.when`}>
                  第 {i + 1} 个提醒在截止前或截止后
                </label>
                <div className="w-24">
                  <select id={`reminders.${i}.when`} className={inputClass} {...register(`reminders.${i}.when`)}>
                    <option value="before">截止前</option>
                    <option value="after">截止后</option>
                  </select>
                </div>
                <label className="sr-only" htmlFor={id}>
                  第 {i + 1} 个提醒的时长
                </label>
                <div className="w-20">
                  <input id={id} type="number" min={1} className={inputClass} {...register(`reminders.${i}.amount`, { valueAsNumber: true })} {...describedBy(id, message)} />
                </div>
                <label className="sr-only" htmlFor={`reminders.${i}.unit`}>
                  第 {i + 1} 个提醒的时长单位
                </label>
                <div className="w-20">
                  <select id={`reminders.${i}.unit`} className={inputClass} {...register(`reminders.${i}.unit`)}>
                    <option value="day">天</option>
                    <option value="hour">小时</option>
                    <option value="minute">分钟</option>
                  </select>
                </div>
                <Button variant="link" onClick={() => remove(i)} aria-label={`删除第 ${i + 1} 个提醒`}>
                  删除
                </Button>
              </div>
              {message && (
                <p id={`${id}-error`} className="text-xs text-red-600">
                  {message}
                </p>
              )}
            </div>
          );
        })}
        {fields.length === 0 && <p className="text-sm text-slate-500">不发送提醒。</p>}
        {errors.reminders?.message && <p className="text-xs text-red-600">{errors.reminders.message}</p>}
        <div className="flex gap-2">
          {fields.length < MAX_REMINDERS && <Button onClick={() => append({ when: "before", amount: 1, unit: "day" })}>添加提醒</Button>}
          <Button variant="link" onClick={() => replace(DEFAULT_REMINDER_OFFSETS.map(offsetToSlot))}>
            恢复默认（截止前 3 天、1 天、3 小时，截止后 1 小时）
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
