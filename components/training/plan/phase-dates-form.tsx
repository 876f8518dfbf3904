"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { type Resolver, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Tag } from "@/components/ui/tag";
import { useAction } from "@/components/ui/use-action";
import { announcePhase, setPhaseDates } from "@/lib/training/plan/actions";
import { formatPhaseDates, phaseLabel } from "@/lib/training/plan/dates";
import { type PhaseDatesInput, setPhaseDatesSchema } from "@/lib/training/plan/schemas";

type Phase = { id: number; ordinal: number; title: string; startsOn: string | null; endsOn: string | null; announced: string | null };

/** One phase's dates (both empty: 待定（另行通知）) and 「发布日期通知」 to every assigned unit. */
export function PhaseDatesForm({ phase, published }: { phase: Phase; published: boolean }) {
  const router = useRouter();
  const form = useForm<PhaseDatesInput>({
    resolver: zodResolver(setPhaseDatesSchema) as unknown as Resolver<PhaseDatesInput>,
    defaultValues: { phaseId: phase.id, startsOn: phase.startsOn ?? "", endsOn: phase.endsOn ?? "" },
  });
  const { register, handleSubmit, formState, setError } = form;
  const { run } = useAction(setPhaseDates, setError);
  const announce = useAction(announcePhase);
  const errors = formState.errors;
  const id = (name: string) => `phase-${phase.ordinal}-${name}`;

  const submit = handleSubmit(async () => {
    const result = await run(form.getValues());
    if (!result.ok) return;
    toast.success(result.data.changed ? "日期已保存。如需告知各单位，请点击「发布日期通知」。" : "日期未变化");
    router.refresh();
  });

  async function sendAnnouncement() {
    const result = await announce.run({ phaseId: phase.id });
    if (!result.ok) return;
    toast.success(`日期通知已发送，共 ${result.data.queued} 封邮件`);
    router.refresh();
  }

  const dated = phase.startsOn !== null && phase.endsOn !== null;
  return (
    <form onSubmit={submit} noValidate aria-label={`${phaseLabel(phase.ordinal)}日期`} className="flex flex-col gap-3 border-b border-slate-100 pb-4 last:border-0 last:pb-0" data-testid="phase-dates-form">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-medium text-slate-900">
          {phaseLabel(phase.ordinal)} {phase.title}
        </h3>
        <span className="text-sm text-slate-600">{formatPhaseDates(phase.startsOn, phase.endsOn)}</span>
        {dated && (phase.announced ? <Tag tone="green">已于 {phase.announced} 通知</Tag> : <Tag tone="orange">未通知</Tag>)}
      </div>
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      <div className="grid grid-cols-1 items-start gap-3 md:grid-cols-[12rem_12rem_auto]">
        <Field id={id("starts")} label="开始日期" error={errors.startsOn?.message}>
          <input id={id("starts")} type="date" className={inputClass} {...register("startsOn")} {...describedBy(id("starts"), errors.startsOn?.message)} />
        </Field>
        <Field id={id("ends")} label="结束日期" error={errors.endsOn?.message} hint="两项都留空即为「待定（另行通知）」">
          <input id={id("ends")} type="date" className={inputClass} {...register("endsOn")} {...describedBy(id("ends"), errors.endsOn?.message)} />
        </Field>
        <div className="flex gap-2 md:mt-6">
          <Button type="submit" disabled={formState.isSubmitting} data-testid="phase-dates-save">
            保存日期
          </Button>
          {dated && published && !phase.announced && (
            <ConfirmDialog
              trigger={
                <Button variant="primary" disabled={announce.pending} data-testid="phase-announce">
                  发布日期通知
                </Button>
              }
              title={`发布${phaseLabel(phase.ordinal)}日期通知`}
              description={`将向各报送单位的用户发送邮件：${phase.title}定于 ${formatPhaseDates(phase.startsOn, phase.endsOn)} 进行。`}
              confirmLabel="发送通知"
              onConfirm={sendAnnouncement}
            />
          )}
        </div>
      </div>
    </form>
  );
}
