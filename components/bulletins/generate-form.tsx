"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { generateBulletin } from "@/lib/bulletins/actions";
import { type GenerateFormInput, type GenerateFormOutput, generateFormSchema } from "@/lib/bulletins/schemas";
import type { CampaignKind } from "@/db/schema";
import { generateTrainingBulletin } from "@/lib/training/figures/actions";
import { generateVerificationBulletin } from "@/lib/verification/figures/actions";

/** Each kind's figures are counted by its own command; the form is the same. */
const BY_KIND = {
  roster: { action: generateBulletin, label: "生成通报", basis: "报送和审核情况" },
  training: { action: generateTrainingBulletin, label: "生成培训情况通报", basis: "培训回执和参训情况" },
  verification: { action: generateVerificationBulletin, label: "生成数据核验情况通报", basis: "核验问题、更正说明和逐级确认情况" },
} satisfies Partial<Record<CampaignKind, unknown>>;

/** The kinds of task that have a bulletin. */
export type BulletinKind = keyof typeof BY_KIND;

/** 生成通报: freezes the figures as they stand now; the bulletin is published separately. */
export function GenerateBulletinForm({ campaignId, kind, defaultTitle }: { campaignId: number; kind: BulletinKind; defaultTitle: string }) {
  const { action, label, basis } = BY_KIND[kind];
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<GenerateFormInput, unknown, GenerateFormOutput>({
    resolver: zodResolver(generateFormSchema),
    defaultValues: { title: defaultTitle },
  });
  const { run: generate } = useAction(action, setError);
  const error = formState.errors.title?.message;
  const onSubmit = handleSubmit(async (values) => {
    const result = await generate({ ...values, campaignId });
    if (result.ok) {
      toast.success("通报已生成，核对后可以发布");
      router.push(`/bulletins/${result.data.bulletinId}`);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={label}>
      <p className="text-sm text-slate-600">生成时按当前的{basis}统计并固定下来，之后的修改不会改变已生成的通报。通常在截止时间之后生成。</p>
      {formState.errors.root?.server && <Notice tone="error">{formState.errors.root.server.message}</Notice>}
      <div className="flex flex-wrap items-end gap-2">
        <Field id="bulletin-title" label="通报标题" error={error} className="min-w-96 flex-1" required>
          <input id="bulletin-title" className={inputClass} data-testid="bulletin-title-input" {...register("title")} {...describedBy("bulletin-title", error)} />
        </Field>
        <Button type="submit" variant="primary" disabled={formState.isSubmitting} data-testid="bulletin-generate">
          {formState.isSubmitting ? "正在生成…" : label}
        </Button>
      </div>
    </form>
  );
}
