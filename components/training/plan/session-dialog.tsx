"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { type Resolver, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { createSession, updateSession } from "@/lib/training/plan/actions";
import { AUDIENCES, createSessionSchema, SESSION_MODES, type SessionInput, updateSessionSchema } from "@/lib/training/plan/schemas";

type Values = SessionInput & { phaseId?: number; sessionId?: number; expectedVersion?: number };

/** 新增场次 in a phase, or 修改 one (carrying the version it was opened at). Times are Beijing time. */
export function SessionDialog({ phaseId, session, phaseTitle }: { phaseId: number; phaseTitle: string; session?: { id: number; version: number; values: SessionInput } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const editing = session !== undefined;
  const defaults: Values = editing
    ? { ...session.values, sessionId: session.id, expectedVersion: session.version }
    : { title: "", mode: "onsite", date: "", startTime: "09:00", endTime: "12:00", place: "", meetingLink: "", capacity: 30, audience: ["city_bureau", "county_bureau", "school"], remedial: false, phaseId };
  const schema = editing ? updateSessionSchema : createSessionSchema;
  const form = useForm<Values>({ resolver: zodResolver(schema) as unknown as Resolver<Values>, defaultValues: defaults });
  const { register, handleSubmit, formState, setError, reset, control } = form;
  const { run, pending } = useAction(editing ? updateSession : createSession, setError);
  const errors = formState.errors;
  const mode = useWatch({ control, name: "mode" });
  const key = editing ? `session-${session.id}` : `new-session-${phaseId}`;
  const id = (name: string) => `${key}-${name}`;

  const submit = handleSubmit(async () => {
    const result = await run(form.getValues());
    if (!result.ok) return;
    toast.success(editing ? "场次已修改" : "场次已添加");
    setOpen(false);
    reset(editing ? { ...form.getValues(), expectedVersion: result.data.version } : defaults);
    router.refresh();
  });

  const text = (name: "title" | "place" | "meetingLink", label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field id={id(name)} label={label} error={errors[name]?.message} required>
      <input id={id(name)} className={inputClass} {...extra} {...register(name)} {...describedBy(id(name), errors[name]?.message)} />
    </Field>
  );

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onClose={() => reset(defaults)}
      trigger={
        <Button variant={editing ? "link" : "default"} data-testid={editing ? "session-edit" : "session-new"}>
          {editing ? "修改" : "新增场次"}
        </Button>
      }
      title={editing ? `修改场次：${session.values.title}` : `新增场次：${phaseTitle}`}
      description="时间为北京时间。现场培训填写地点，线上培训填写会议链接。"
      testId="session-dialog"
      onSubmit={submit}
      submit={
        <Button type="submit" variant="primary" disabled={pending} data-testid="session-save">
          {pending ? "正在保存…" : "保存"}
        </Button>
      }
    >
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      {text("title", "场次名称")}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm text-slate-700">培训方式</legend>
        <div className="flex gap-4">
          {(Object.keys(SESSION_MODES) as (keyof typeof SESSION_MODES)[]).map((m) => (
            <label key={m} className="flex items-center gap-1 text-sm">
              <input type="radio" value={m} {...register("mode")} /> {SESSION_MODES[m]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-3 gap-2">
        <Field id={id("date")} label="日期" error={errors.date?.message} required>
          <input id={id("date")} type="date" className={inputClass} {...register("date")} {...describedBy(id("date"), errors.date?.message)} />
        </Field>
        <Field id={id("start")} label="开始时刻" error={errors.startTime?.message} required>
          <input id={id("start")} type="time" className={inputClass} {...register("startTime")} {...describedBy(id("start"), errors.startTime?.message)} />
        </Field>
        <Field id={id("end")} label="结束时刻" error={errors.endTime?.message} required>
          <input id={id("end")} type="time" className={inputClass} {...register("endTime")} {...describedBy(id("end"), errors.endTime?.message)} />
        </Field>
      </div>
      {mode === "onsite" ? text("place", "培训地点") : text("meetingLink", "会议链接", { type: "url", placeholder: "https://" })}
      <Field id={id("capacity")} label="名额" error={errors.capacity?.message} required>
        <input id={id("capacity")} type="number" min={1} className={inputClass} {...register("capacity", { valueAsNumber: true })} {...describedBy(id("capacity"), errors.capacity?.message)} />
      </Field>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm text-slate-700">参训单位</legend>
        <div className="flex flex-wrap gap-4">
          {(Object.keys(AUDIENCES) as (keyof typeof AUDIENCES)[]).map((a) => (
            <label key={a} className="flex items-center gap-1 text-sm">
              <input type="checkbox" value={a} {...register("audience")} /> {AUDIENCES[a]}
            </label>
          ))}
        </div>
        {errors.audience?.message && <p className="text-xs text-red-600">{errors.audience.message}</p>}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register("remedial")} /> 补训场次（为前面场次缺席的人员安排）
      </label>
    </FormDialog>
  );
}
