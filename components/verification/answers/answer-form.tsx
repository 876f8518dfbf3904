"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { FilePicker } from "@/components/ui/file-picker";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { DiscrepancySeverity } from "@/db/schema";
import { answerDiscrepancy } from "@/lib/verification/answers/actions";
import { ATTACHMENT_MAX_BYTES, CORRECTED_VALUE_MAX, EXPLANATION_MAX, mayExplain } from "@/lib/verification/answers/rules";

type Values = { answer: "corrected" | "explained"; correctedValue: string; explanation: string; attachment: string };

/** 答复 one item: 已在源系统更正 with the corrected value, or (for a 提示) 情况说明 with text and an optional attachment. */
export function AnswerForm({ item }: { item: { id: number; version: number; severity: DiscrepancySeverity; correctedValue: string | null; explanation: string | null } }) {
  const router = useRouter();
  const file = useRef<HTMLInputElement>(null);
  const explainable = mayExplain(item.severity);
  const form = useForm<Values>({
    defaultValues: { answer: item.explanation && explainable ? "explained" : "corrected", correctedValue: item.correctedValue ?? "", explanation: item.explanation ?? "", attachment: "" },
  });
  const { errors } = form.formState;
  const answer = useWatch({ control: form.control, name: "answer" });
  const { run, pending } = useAction(answerDiscrepancy, form.setError);
  const id = (field: string) => `answer-${item.id}-${field}`;

  async function send(values: Values) {
    const attachment = file.current?.files?.[0];
    // Checked here first so a large file never leaves the browser; the server checks size and bytes again.
    if (attachment && attachment.size > ATTACHMENT_MAX_BYTES) return form.setError("attachment", { message: "附件：不能超过 10 MB，请压缩后重新选择" });
    const data = new FormData();
    data.set("discrepancyId", String(item.id));
    data.set("expectedVersion", String(item.version));
    data.set("answer", values.answer);
    if (values.answer === "corrected") data.set("correctedValue", values.correctedValue);
    else {
      data.set("explanation", values.explanation);
      if (attachment) data.set("attachment", attachment);
    }
    const result = await run(data);
    if (!result.ok) return;
    toast.success("答复已保存");
    router.refresh();
  }

  return (
    <form onSubmit={(event) => form.handleSubmit(send)(event)} noValidate className="flex flex-col gap-3" data-testid={`answer-form-${item.id}`}>
      <fieldset className="flex flex-wrap gap-4 text-sm" aria-describedby={errors.answer ? id("answer-error") : undefined}>
        <legend className="mb-1 text-slate-700">处理方式</legend>
        <label className="flex items-center gap-1">
          <input type="radio" value="corrected" {...form.register("answer")} data-testid={`answer-corrected-${item.id}`} />
          已在源系统更正
        </label>
        <label className={cn("flex items-center gap-1", !explainable && "text-slate-400")}>
          <input type="radio" value="explained" disabled={!explainable} {...form.register("answer")} data-testid={`answer-explained-${item.id}`} />
          情况说明{!explainable && "（错误须更正）"}
        </label>
      </fieldset>
      {errors.answer && (
        <p id={id("answer-error")} className="text-sm text-red-600">
          {errors.answer.message}
        </p>
      )}
      {answer === "corrected" ? (
        <Field id={id("value")} label="更正后的值" error={errors.correctedValue?.message} hint="请填写在源系统中更正后的值。" required className="max-w-80">
          <input
            id={id("value")}
            className={inputClass}
            maxLength={CORRECTED_VALUE_MAX}
            data-testid={`answer-value-${item.id}`}
            {...form.register("correctedValue", { validate: (v) => v.trim().length > 0 || "更正后的值：请填写在源系统中更正后的值" })}
            {...describedBy(id("value"), errors.correctedValue?.message)}
          />
        </Field>
      ) : (
        <>
          <Field id={id("text")} label="情况说明" error={errors.explanation?.message} hint={`请说明差异的原因，不超过 ${EXPLANATION_MAX} 字。`} required>
            <textarea
              id={id("text")}
              rows={4}
              maxLength={EXPLANATION_MAX}
              className={cn(inputClass, "h-auto py-1")}
              data-testid={`answer-text-${item.id}`}
              {...form.register("explanation", { validate: (v) => v.trim().length > 0 || "情况说明：请填写" })}
              {...describedBy(id("text"), errors.explanation?.message)}
            />
          </Field>
          <Field id={id("file")} label="附件" error={errors.attachment?.message} hint="可选，PDF、JPG、PNG 或 XLSX，不超过 10 MB；不选则保留已上传的附件。">
            <FilePicker
              id={id("file")}
              accept="application/pdf,image/png,image/jpeg,.xlsx"
              testId={`answer-file-${item.id}`}
              error={errors.attachment?.message}
              inputRef={file}
              onChange={() => form.clearErrors("attachment")}
            />
          </Field>
        </>
      )}
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      <div>
        <Button type="submit" variant="primary" disabled={pending} data-testid={`answer-submit-${item.id}`}>
          {pending ? "正在保存…" : "保存答复"}
        </Button>
      </div>
    </form>
  );
}
