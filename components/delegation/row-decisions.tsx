"use client";

// The decisions on what was handed in (分派填报): the city's on its delegates' rows, a collecting county's on those of
// its schools (`decider`). 确认 or 退回 a row, a county's 收回 of its school's row, and 确认 every handed-in row at once.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import type { ActionResult } from "@/lib/core/errors";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormDialog } from "@/components/ui/form-dialog";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { confirmedState, type DecidedRow, type DeciderKind, decisionsOn, ROW_DELEGATION_LABELS } from "@/lib/delegation/rules";
import { RETURN_REASON_MAX, type ReturnRowInput, returnRowSchema } from "@/lib/delegation/schemas";
import { DECIDER_ACTIONS, LOWER_LEVEL } from "./decider-actions";

/**
 * Runs 确认 (or a county's 收回) on some rows; refused or not, the page then shows the rows as they are now (a
 * delegate may have withdrawn).
 */
function useRowsAction(action: (input: unknown) => Promise<ActionResult<unknown>>, submissionId: number) {
  const router = useRouter();
  const { run, pending } = useAction(action);
  return {
    pending,
    async run(unitIds: number[], done: string) {
      if ((await run({ submissionId, unitIds })).ok) toast.success(done);
      router.refresh();
    },
  };
}

/** 「确认」 for a row handed in to the decider, 「退回」 for one handed in or confirmed by it, and a county's 「收回」. */
export function RowDecisions({ submissionId, unitId, unitName, row, decider }: { submissionId: number; unitId: number; unitName: string; row: DecidedRow; decider: DeciderKind }) {
  const confirm = useRowsAction(DECIDER_ACTIONS[decider].confirm, submissionId);
  const takeBack = useRowsAction(DECIDER_ACTIONS[decider].takeBack, submissionId);
  const may = decisionsOn(decider, row);
  return (
    <>
      {may.confirm && (
        <Button variant="link" disabled={confirm.pending} onClick={() => confirm.run([unitId], `已确认：${unitName}`)} data-testid="row-confirm" aria-label={`确认：${unitName}`}>
          确认
        </Button>
      )}
      {may.return && <ReturnRowDialog submissionId={submissionId} unitId={unitId} unitName={unitName} decider={decider} />}
      {may.takeBack && (
        <ConfirmDialog
          trigger={
            <Button variant="link" disabled={takeBack.pending} data-testid="row-take-back" aria-label={`收回：${unitName}`}>
              收回
            </Button>
          }
          title={`收回「${unitName}」？`}
          description="收回后该行改由本单位填写，学校不能再修改或提交。"
          confirmLabel="收回"
          onConfirm={() => takeBack.run([unitId], `已收回：${unitName}`)}
        />
      )}
    </>
  );
}

/** 「退回」 one row to whoever fills it, with the reason it is emailed; errors stay beside the field. */
function ReturnRowDialog({ submissionId, unitId, unitName, decider }: { submissionId: number; unitId: number; unitName: string; decider: DeciderKind }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { register, handleSubmit, formState, setError, reset } = useForm<ReturnRowInput, unknown, z.output<typeof returnRowSchema>>({
    resolver: zodResolver(returnRowSchema),
    defaultValues: { submissionId, unitId, reason: "" },
  });
  const { run } = useAction(DECIDER_ACTIONS[decider].returnRow, setError);
  const lower = LOWER_LEVEL[decider];
  const error = formState.errors.reason?.message;
  const onSubmit = handleSubmit(async (values) => {
    if (!(await run(values)).ok) return;
    toast.success(`已退回：${unitName}，已发邮件通知${lower}`);
    reset();
    setOpen(false);
    router.refresh();
  });
  const id = "row-return-reason";

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onClose={reset}
      trigger={
        <Button variant="link" data-testid="row-return" aria-label={`退回：${unitName}`}>
          退回
        </Button>
      }
      title={`退回「${unitName}」？`}
      description={`该行将退回${lower}修改，状态变为「${ROW_DELEGATION_LABELS.returned}」，${lower}将收到含退回原因的邮件，修改后重新提交。`}
      testId="row-return-dialog"
      onSubmit={onSubmit}
      submit={
        <Button type="submit" variant="danger" disabled={formState.isSubmitting} data-testid="row-return-submit">
          {formState.isSubmitting ? "正在退回…" : "退回"}
        </Button>
      }
    >
      <Field id={id} label="退回原因" error={error} required>
        <textarea id={id} rows={3} maxLength={RETURN_REASON_MAX} className={cn(inputClass, "h-auto py-1")} data-testid={id} {...register("reason")} {...describedBy(id, error)} />
      </Field>
      {formState.errors.root?.server && (
        <Notice tone="error" testId="row-return-error">
          {formState.errors.root.server.message}
        </Notice>
      )}
    </FormDialog>
  );
}

/** 「确认全部已提交（n）」: every row of the whole table handed in to the decider, not only the page shown. */
export function ConfirmAllSubmitted({ submissionId, unitIds, decider }: { submissionId: number; unitIds: number[]; decider: DeciderKind }) {
  const confirm = useRowsAction(DECIDER_ACTIONS[decider].confirm, submissionId);
  const lower = LOWER_LEVEL[decider];
  return (
    <ConfirmDialog
      trigger={
        <Button variant="primary" disabled={confirm.pending} data-testid="confirm-all-submitted">
          确认全部已提交（{unitIds.length}）
        </Button>
      }
      title={`确认 ${unitIds.length} 个单位${lower}已提交的信息？`}
      description={`确认后这些行的状态变为「${ROW_DELEGATION_LABELS[confirmedState(decider)]}」，${lower}不能再修改；如需修改，可以逐行退回。`}
      confirmLabel="全部确认"
      onConfirm={() => confirm.run(unitIds, `已确认 ${unitIds.length} 个单位`)}
    />
  );
}
