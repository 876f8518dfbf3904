"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormDialog } from "@/components/ui/form-dialog";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { purposeField, REASON_MAX_LENGTH } from "@/lib/privacy/schemas";

type ReasonForm = { reason: string };

/**
 * Asks why before personal data is shown or handed out in full (「查看完整信息」, a large export).
 * `onReason` returns a refusal message to show beside the field, or null once it is done.
 */
export function ReasonDialog({
  what,
  trigger,
  title,
  description,
  testId,
  onReason,
}: {
  what: "查看" | "导出";
  trigger: React.ReactNode;
  title: string;
  description: React.ReactNode;
  testId: string;
  onReason: (reason: string) => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const { register, handleSubmit, formState, setError, reset } = useForm<ReasonForm>({
    resolver: zodResolver(z.object({ reason: purposeField(what) })),
    defaultValues: { reason: "" },
  });
  const error = formState.errors.reason?.message;
  const onSubmit = handleSubmit(async ({ reason }) => {
    const refusal = await onReason(reason);
    if (refusal) return setError("reason", { type: "server", message: refusal });
    reset();
    setOpen(false);
  });
  const id = `${testId}-reason`;

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onClose={reset}
      trigger={trigger}
      title={title}
      description={description}
      testId={testId}
      onSubmit={onSubmit}
      submit={
        <Button type="submit" variant="primary" disabled={formState.isSubmitting} data-testid={`${testId}-submit`}>
          {what === "查看" ? "查看" : "导出"}
        </Button>
      }
    >
      <Field id={id} label={`${what}原因`} error={error} required>
        <textarea id={id} rows={3} maxLength={REASON_MAX_LENGTH} className={cn(inputClass, "h-auto py-1")} data-testid={id} {...register("reason")} {...describedBy(id, error)} />
      </Field>
      <Notice tone="info">{what}记录（人员、时间、原因）将记入操作日志。</Notice>
    </FormDialog>
  );
}
