"use client";

// The city's decisions on what its delegates handed in (分派填报): 确认 or 退回 a row, and 确认 every handed-in row at once.
import { zodResolver } from "@hookform/resolvers/zod";
import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { DelegatedRowState } from "@/db/schema";
import { confirmRows, returnRow } from "@/lib/delegation/actions";
import { ROW_DELEGATION_LABELS } from "@/lib/delegation/rules";
import { RETURN_REASON_MAX, type ReturnRowInput, returnRowSchema } from "@/lib/delegation/schemas";

/** Runs 确认 on some rows; refused or not, the page then shows the rows as they are now (a delegate may have withdrawn). */
function useConfirm(submissionId: number) {
  const router = useRouter();
  const confirm = useAction(confirmRows);
  return {
    pending: confirm.pending,
    async run(unitIds: number[], done: string) {
      if ((await confirm.run({ submissionId, unitIds })).ok) toast.success(done);
      router.refresh();
    },
  };
}

/** 「确认」 for a row 下级已提交, 「退回」 for one 下级已提交 or 已确认. */
export function RowDecisions({ submissionId, unitId, unitName, state }: { submissionId: number; unitId: number; unitName: string; state: DelegatedRowState }) {
  const confirm = useConfirm(submissionId);
  return (
    <>
      {state === "submitted" && (
        <Button variant="link" disabled={confirm.pending} onClick={() => confirm.run([unitId], `已确认：${unitName}`)} data-testid="row-confirm" aria-label={`确认：${unitName}`}>
          确认
        </Button>
      )}
      {(state === "submitted" || state === "confirmed") && <ReturnRowDialog submissionId={submissionId} unitId={unitId} unitName={unitName} />}
    </>
  );
}

/** 「退回」 one row to its delegate, with the reason the delegate is emailed; errors stay beside the field. */
function ReturnRowDialog({ submissionId, unitId, unitName }: { submissionId: number; unitId: number; unitName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { register, handleSubmit, formState, setError, reset } = useForm<ReturnRowInput, unknown, z.output<typeof returnRowSchema>>({
    resolver: zodResolver(returnRowSchema),
    defaultValues: { submissionId, unitId, reason: "" },
  });
  const { run } = useAction(returnRow, setError);
  const error = formState.errors.reason?.message;
  const onSubmit = handleSubmit(async (values) => {
    if (!(await run(values)).ok) return;
    toast.success(`已退回：${unitName}，已发邮件通知下级`);
    reset();
    setOpen(false);
    router.refresh();
  });
  const id = "row-return-reason";

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="link" data-testid="row-return" aria-label={`退回：${unitName}`}>
          退回
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed top-1/4 left-1/2 z-50 w-[30rem] max-w-[92vw] -translate-x-1/2 rounded-md bg-white p-6 shadow-xl" data-testid="row-return-dialog">
          <Dialog.Title className="mb-2 text-base font-medium text-slate-900">退回「{unitName}」？</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mb-4 text-sm leading-relaxed text-slate-600">该行将退回下级修改，状态变为「{ROW_DELEGATION_LABELS.returned}」，下级将收到含退回原因的邮件，修改后重新提交。</div>
          </Dialog.Description>
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <Field id={id} label="退回原因" error={error} required>
              <textarea id={id} rows={3} maxLength={RETURN_REASON_MAX} className={cn(inputClass, "h-auto py-1")} data-testid={id} {...register("reason")} {...describedBy(id, error)} />
            </Field>
            {formState.errors.root?.server && (
              <Notice tone="error" testId="row-return-error">
                {formState.errors.root.server.message}
              </Notice>
            )}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button>取消</Button>
              </Dialog.Close>
              <Button type="submit" variant="danger" disabled={formState.isSubmitting} data-testid="row-return-submit">
                {formState.isSubmitting ? "正在退回…" : "退回"}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** 「确认全部已提交（n）」: every row of the whole table that its delegates handed in, not only the page shown. */
export function ConfirmAllSubmitted({ submissionId, unitIds }: { submissionId: number; unitIds: number[] }) {
  const confirm = useConfirm(submissionId);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="primary" disabled={confirm.pending} data-testid="confirm-all-submitted">
          确认全部已提交（{unitIds.length}）
        </Button>
      }
      title={`确认 ${unitIds.length} 个单位下级已提交的信息？`}
      description={`确认后这些行的状态变为「${ROW_DELEGATION_LABELS.confirmed}」，下级不能再修改；如需修改，可以逐行退回。`}
      confirmLabel="全部确认"
      onConfirm={() => confirm.run(unitIds, `已确认 ${unitIds.length} 个单位`)}
    />
  );
}
