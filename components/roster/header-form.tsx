"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { useSubmissionVersion } from "./submission-version";
import { saveHeader } from "@/lib/roster/actions";
import { type FillerInput, type FillerOutput, fillerSchema, HEADER_LABELS } from "@/lib/roster/schemas";

/** 填报单位（盖章） / 填报人 / 联系电话 above the table. */
export function HeaderForm({
  submissionId,
  unitName,
  fillerName,
  fillerPhone,
  canEdit,
}: {
  submissionId: number;
  unitName: string;
  fillerName: string | null;
  fillerPhone: string | null;
  canEdit: boolean;
}) {
  const router = useRouter();
  const { register, handleSubmit, formState, setError, reset } = useForm<FillerInput, unknown, FillerOutput>({
    resolver: zodResolver(fillerSchema),
    defaultValues: { fillerName: fillerName ?? "", fillerPhone: fillerPhone ?? "" },
  });
  const { run: save } = useAction(saveHeader, setError);
  const latest = useSubmissionVersion();
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const result = await save({ ...values, submissionId, expectedVersion: latest.version });
    if (result.ok) {
      latest.saw(result.data.version);
      reset({ fillerName: result.data.fillerName, fillerPhone: result.data.fillerPhone });
      toast.success("填报人信息已保存");
      router.refresh();
    }
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate aria-label="填报人信息">
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      <div className="grid grid-cols-1 items-start gap-3 md:grid-cols-[1fr_1fr_1fr_auto]">
        <div className="flex flex-col gap-1">
          <span className="text-sm text-slate-700">填报单位（盖章）</span>
          <span className="flex h-8 items-center text-slate-900">{unitName}</span>
        </div>
        <Field id="fillerName" label={HEADER_LABELS.fillerName} error={errors.fillerName?.message} required>
          <input id="fillerName" className={inputClass} disabled={!canEdit} data-testid="filler-name" {...register("fillerName")} {...describedBy("fillerName", errors.fillerName?.message)} />
        </Field>
        <Field id="fillerPhone" label={HEADER_LABELS.fillerPhone} error={errors.fillerPhone?.message} required>
          <input id="fillerPhone" className={inputClass} disabled={!canEdit} inputMode="tel" data-testid="filler-phone" {...register("fillerPhone")} {...describedBy("fillerPhone", errors.fillerPhone?.message)} />
        </Field>
        {canEdit && (
          <Button type="submit" className="md:mt-6" disabled={formState.isSubmitting} data-testid="filler-save">
            {formState.isSubmitting ? "正在保存…" : "保存填报人"}
          </Button>
        )}
      </div>
    </form>
  );
}
