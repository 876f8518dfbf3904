"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { RETURN_REASON_MAX } from "@/lib/verification/answers/rules";
import { returnDiscrepancy } from "@/lib/verification/confirm/actions";
import type { ReturnItemValues } from "@/lib/verification/confirm/schemas";

/** 退回 an answered item to its school, with the reason; the school's and the levels' confirmations up to this one go. */
export function ReturnForm({ item }: { item: { id: number; version: number } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<ReturnItemValues>({ defaultValues: { reason: "" } });
  const { errors } = form.formState;
  const { run, pending } = useAction(returnDiscrepancy, form.setError);
  const id = `return-${item.id}-reason`;

  async function send({ reason }: ReturnItemValues) {
    const result = await run({ discrepancyId: item.id, expectedVersion: item.version, reason });
    if (!result.ok) return;
    toast.success("已退回，学校将重新处理");
    setOpen(false);
    router.refresh();
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onClose={() => form.reset()}
      trigger={<Button data-testid={`return-open-${item.id}`}>退回</Button>}
      title="退回该问题"
      description="退回后，学校须重新答复并确认；学校至本级的确认随之撤销。"
      testId={`return-dialog-${item.id}`}
      onSubmit={(event) => form.handleSubmit(send)(event)}
      submit={
        <Button type="submit" variant="primary" disabled={pending} data-testid={`return-submit-${item.id}`}>
          {pending ? "正在退回…" : "退回"}
        </Button>
      }
    >
      <Field id={id} label="退回原因" error={errors.reason?.message} hint={`不超过 ${RETURN_REASON_MAX} 字。`} required>
        <textarea
          id={id}
          rows={3}
          maxLength={RETURN_REASON_MAX}
          className={cn(inputClass, "h-auto py-1")}
          data-testid={`return-reason-${item.id}`}
          {...form.register("reason", { validate: (v) => v.trim().length > 0 || "退回原因：请填写，学校将按此重新处理" })}
          {...describedBy(id, errors.reason?.message)}
        />
      </Field>
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
    </FormDialog>
  );
}
