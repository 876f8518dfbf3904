"use client";

// A unit's own 回执, one form per phase: the session it attends, the person (its approved administrator, or another
// with a reason: 更换参训人员), 保存 and then 确认.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { confirmRegistration, registerForSession } from "@/lib/training/receipts/actions";
import type { PhaseForm, UnitForm } from "@/lib/training/receipts/queries";
import { PERSON_LABELS, type RegisterInput, registerSchema, SUBSTITUTE_REASON_LABEL } from "@/lib/training/receipts/schemas";
import { formatDateTime } from "@/lib/time";
import { RegistrationStateTag } from "./state-tag";

export function UnitReceiptForm({ submissionId, form }: { submissionId: number; form: UnitForm }) {
  return (
    <div className="flex flex-col gap-6">
      {!form.administrator && (
        <Notice tone="warning" testId="no-administrator">
          本单位在管理员信息报送任务中没有审核通过的系统管理员，请选择「更换参训人员」，填写参训人员并说明原因。
        </Notice>
      )}
      {form.phases.length === 0 && <p className="text-sm text-slate-500">暂无面向本单位的培训场次，场次安排后将在此处显示。</p>}
      {form.phases.map((phase) => (
        // A new version (a save, here or elsewhere) starts the form again from what was saved, at that version.
        <PhaseReceipt key={`${phase.id}:${phase.registration?.version ?? 0}`} submissionId={submissionId} form={form} phase={phase} />
      ))}
    </div>
  );
}

const PERSON_FIELDS = ["name", "position", "phone", "email"] as const;

function PhaseReceipt({ submissionId, form, phase }: { submissionId: number; form: UnitForm; phase: PhaseForm }) {
  const router = useRouter();
  const current = phase.registration;
  const wasSubstitute = current ? current.substituteReason !== null : !form.administrator;
  const { register, handleSubmit, control, formState, setError } = useForm<RegisterInput>({
    // The action checks the form as typed, so the form posts what was typed (raw), not the parsed values.
    resolver: zodResolver(registerSchema, undefined, { raw: true }),
    defaultValues: {
      submissionId,
      unitId: form.unitId,
      // Radio values are strings; the schema reads the id back as a number.
      sessionId: String(current?.sessionId ?? phase.sessions[0]?.id ?? ""),
      expectedVersion: current?.version ?? null,
      substitute: wasSubstitute,
      name: wasSubstitute ? (current?.name ?? "") : "",
      position: wasSubstitute ? (current?.position ?? "") : "",
      phone: wasSubstitute ? (current?.phone ?? "") : "",
      email: wasSubstitute ? (current?.email ?? "") : "",
      substituteReason: current?.substituteReason ?? "",
    },
  });
  const save = useAction(registerForSession, setError);
  const confirm = useAction(confirmRegistration);
  const substitute = useWatch({ control, name: "substitute" });
  const locked = !form.mayWrite || current?.state === "approved";
  const prefix = `phase-${phase.ordinal}`;

  const onSubmit = handleSubmit(async (values) => {
    if (!(await save.run(values)).ok) return;
    toast.success(`已保存${phase.title}回执，请核对后点击「确认」`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="rounded border border-slate-200 p-4" data-testid={`${prefix}-form`} aria-labelledby={`${prefix}-title`}>
      <div className="mb-3 flex items-center gap-3">
        <h3 id={`${prefix}-title`} className="font-medium text-slate-900">
          第{phase.ordinal}阶段：{phase.title}
        </h3>
        {current && <RegistrationStateTag state={current.state} />}
      </div>
      {current?.returnReason && (
        <Notice tone="warning" testId={`${prefix}-returned`} className="mb-3">
          市级退回：{current.returnReason}
        </Notice>
      )}
      <fieldset disabled={locked} className="flex flex-col gap-4">
        <legend className="mb-1 text-sm text-slate-700">参加场次</legend>
        {phase.sessions.map((s) => (
          <label key={s.id} className="flex items-start gap-2 text-sm">
            <input type="radio" value={s.id} {...register("sessionId")} className="mt-1" />
            <span>
              {s.title}（{s.mode === "online" ? "线上" : `现场：${s.place ?? ""}`}），{formatDateTime(s.startsAt)} 至 {formatDateTime(s.endsAt)}
              <span className={cn("ml-2", s.seatsLeft > 0 ? "text-slate-500" : "text-red-600")}>{s.seatsLeft > 0 ? `剩余名额 ${s.seatsLeft}` : "名额已满"}</span>
            </span>
          </label>
        ))}
        {formState.errors.sessionId && <p className="text-xs text-red-600">{formState.errors.sessionId.message}</p>}

        {!substitute && form.administrator && (
          <p className="text-sm text-slate-700" data-testid={`${prefix}-person`}>
            参训人员：{form.administrator.name}（{form.administrator.position}），{form.administrator.phone}，{form.administrator.email}
            <span className="ml-2 text-slate-500">（本单位系统管理员）</span>
          </p>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("substitute")} disabled={locked || !form.administrator} data-testid={`${prefix}-substitute`} />
          更换参训人员
        </label>
        {substitute && (
          <div className="grid grid-cols-2 gap-3">
            {PERSON_FIELDS.map((field) => {
              const id = `${prefix}-${field}`;
              const error = formState.errors[field]?.message;
              return (
                <Field key={field} id={id} label={PERSON_LABELS[field]} error={error} required>
                  <input id={id} className={inputClass} {...register(field)} {...describedBy(id, error)} />
                </Field>
              );
            })}
            <Field id={`${prefix}-reason`} label={SUBSTITUTE_REASON_LABEL} error={formState.errors.substituteReason?.message} required className="col-span-2" hint="省教育厅可以看到每一次人员更换及其原因。">
              <textarea id={`${prefix}-reason`} rows={2} className={cn(inputClass, "h-auto py-1")} {...register("substituteReason")} {...describedBy(`${prefix}-reason`, formState.errors.substituteReason?.message)} />
            </Field>
          </div>
        )}
      </fieldset>
      {formState.errors.root?.server && (
        <Notice tone="error" testId={`${prefix}-error`} className="mt-3">
          {formState.errors.root.server.message}
        </Notice>
      )}
      {!locked && (
        <div className="mt-4 flex gap-3">
          <Button type="submit" disabled={formState.isSubmitting || phase.sessions.length === 0} data-testid={`${prefix}-save`}>
            {formState.isSubmitting ? "正在保存…" : "保存"}
          </Button>
          {current?.state === "draft" && (
            <Button
              variant="primary"
              disabled={confirm.pending}
              data-testid={`${prefix}-confirm`}
              onClick={async () => {
                if ((await confirm.run({ submissionId, registrationId: current.id, expectedVersion: current.version })).ok) toast.success(`已确认${phase.title}回执`);
                router.refresh();
              }}
            >
              确认
            </Button>
          )}
        </div>
      )}
    </form>
  );
}
