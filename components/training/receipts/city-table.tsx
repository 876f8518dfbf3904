"use client";

// The city's view of its 回执: every covered unit's registration (更换 marked with its reason), 审核通过 / 退回 one,
// 全部审核通过, and 「提交回执」 with what still keeps it back.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { approveRegistrations, returnRegistration, submitReceipts, withdrawReceipts } from "@/lib/training/receipts/actions";
import type { CityTable, Registration, ReceiptsSubmission } from "@/lib/training/receipts/queries";
import { returnRegistrationSchema } from "@/lib/training/receipts/schemas";
import type { z } from "zod";
import { RegistrationStateTag } from "./state-tag";

const UNREGISTERED_SHOWN = 10;

export function CityReceiptsTable({ submission, table, editable, missing }: { submission: ReceiptsSubmission; table: CityTable; editable: boolean; missing: string[] }) {
  const router = useRouter();
  const approve = useAction(approveRegistrations);
  async function approveAll() {
    const result = await approve.run({ submissionId: submission.id });
    if (result.ok) toast.success(`已审核通过 ${result.data.approved} 份回执`);
    router.refresh();
  }
  return (
    <div className="flex flex-col gap-4">
      {editable && table.confirmedCount > 0 && (
        <div>
          <ConfirmDialog
            trigger={
              <Button variant="primary" disabled={approve.pending} data-testid="approve-all">
                全部审核通过（{table.confirmedCount}）
              </Button>
            }
            title={`审核通过 ${table.confirmedCount} 份已确认的回执？`}
            description="审核通过后，这些单位不能再修改回执；如需修改，可以逐份退回。"
            confirmLabel="全部审核通过"
            onConfirm={approveAll}
          />
        </div>
      )}
      <DataTable
        testId="receipts-table"
        minWidth="min-w-[800px]"
        rows={table.rows}
        rowKey={(r) => r.id}
        rowProps={() => ({ "data-testid": "receipt-row" })}
        empty={{ title: "还没有单位填写回执" }}
        columns={[
          { header: "单位", cell: (r) => r.unitName },
          { header: "场次", cell: (r) => r.sessionTitle },
          {
            header: "参训人员",
            cell: (r) => (
              <>
                {r.name}（{r.position}），{r.phone}
                {r.substituteReason && (
                  <span className="ml-2 text-orange-700" data-testid="substitute-mark">
                    【更换】{r.substituteReason}
                  </span>
                )}
              </>
            ),
          },
          { header: "状态", cell: (r) => <RegistrationStateTag state={r.state} /> },
          { header: "操作", cell: (r) => editable && r.unitId !== submission.unitId && <Decisions submissionId={submission.id} registration={r} /> },
        ]}
      />
      {table.unregistered.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="unregistered">
          尚未报名的单位（{table.unregistered.length}）：{table.unregistered.slice(0, UNREGISTERED_SHOWN).join("、")}
          {table.unregistered.length > UNREGISTERED_SHOWN && "等"}
        </p>
      )}
      <SubmitBar submission={submission} missing={missing} />
    </div>
  );
}

function Decisions({ submissionId, registration }: { submissionId: number; registration: Registration }) {
  const router = useRouter();
  const approve = useAction(approveRegistrations);
  return (
    <span className="flex gap-3">
      {registration.state === "confirmed" && (
        <Button
          variant="link"
          disabled={approve.pending}
          aria-label={`审核通过：${registration.unitName}`}
          data-testid="registration-approve"
          onClick={async () => {
            if ((await approve.run({ submissionId, registrationId: registration.id, expectedVersion: registration.version })).ok) toast.success(`已审核通过：${registration.unitName}`);
            router.refresh();
          }}
        >
          审核通过
        </Button>
      )}
      {registration.state !== "draft" && <ReturnDialog submissionId={submissionId} registration={registration} />}
    </span>
  );
}

type ReturnInput = z.input<typeof returnRegistrationSchema>;

function ReturnDialog({ submissionId, registration }: { submissionId: number; registration: Registration }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { register, handleSubmit, formState, setError, reset } = useForm<ReturnInput, unknown, z.output<typeof returnRegistrationSchema>>({
    resolver: zodResolver(returnRegistrationSchema),
    defaultValues: { submissionId, registrationId: registration.id, expectedVersion: registration.version, reason: "" },
  });
  const { run } = useAction(returnRegistration, setError);
  const id = `return-reason-${registration.id}`;
  const error = formState.errors.reason?.message;
  const onSubmit = handleSubmit(async (values) => {
    if (!(await run(values)).ok) return;
    toast.success(`已退回：${registration.unitName}`);
    reset();
    setOpen(false);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onClose={reset}
      trigger={
        <Button variant="link" aria-label={`退回：${registration.unitName}`} data-testid="registration-return">
          退回
        </Button>
      }
      title={`退回「${registration.unitName}」的回执？`}
      description="回执将退回该单位修改，状态变为「待确认」，该单位修改并确认后再审核。"
      testId="registration-return-dialog"
      onSubmit={onSubmit}
      submit={
        <Button type="submit" variant="danger" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "正在退回…" : "退回"}
        </Button>
      }
    >
      <Field id={id} label="退回原因" error={error} required>
        <textarea id={id} rows={3} className={cn(inputClass, "h-auto py-1")} {...register("reason")} {...describedBy(id, error)} />
      </Field>
      {formState.errors.root?.server && <Notice tone="error">{formState.errors.root.server.message}</Notice>}
    </FormDialog>
  );
}

/** 「提交回执」 while open, with what is still missing; 「撤回」 once submitted (until the province opens it). */
export function SubmitBar({ submission, missing }: { submission: ReceiptsSubmission; missing: string[] }) {
  const router = useRouter();
  const submit = useAction(submitReceipts);
  const withdraw = useAction(withdrawReceipts);
  const open = submission.status === "draft" || submission.status === "returned";
  const input = { submissionId: submission.id, expectedVersion: submission.version };
  return (
    <div className="flex flex-col gap-2 border-t border-slate-100 pt-4" data-testid="receipts-submit-bar">
      {open && missing.length > 0 && (
        <Notice tone="info" testId="receipts-missing">
          暂不能提交：{missing.join("；")}。
        </Notice>
      )}
      <div className="flex gap-3">
        {open && (
          <Button
            variant="primary"
            disabled={submit.pending || missing.length > 0}
            data-testid="receipts-submit"
            onClick={async () => {
              if ((await submit.run(input)).ok) toast.success("培训回执已提交");
              router.refresh();
            }}
          >
            提交回执
          </Button>
        )}
        {submission.status === "submitted" && (
          <Button
            disabled={withdraw.pending}
            data-testid="receipts-withdraw"
            onClick={async () => {
              if ((await withdraw.run(input)).ok) toast.success("培训回执已撤回");
              router.refresh();
            }}
          >
            撤回
          </Button>
        )}
      </div>
    </div>
  );
}
