"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { EntryCells } from "@/components/roster/entry-cells";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { headCellClass, TableFrame } from "@/components/ui/data-table";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/core/errors";
import { approveSubmission, openReview, returnSubmission } from "@/lib/review/actions";
import { REASON_MAX_LENGTH, type ReturnInput, type ReturnOutput, returnSchema } from "@/lib/review/schemas";
import { FIELD_LABELS } from "@/lib/roster/schemas";
import type { ReviewRowView } from "./types";

/**
 * The table with its automatic flags, and the reviewer's decision: 「开始审核」, then 「通过」 or 「退回」 with reasons.
 * The version travels with each decision as it is now, so a refresh between typing and sending never loses
 * what the reviewer typed. Row reasons are kept by unit while the reviewer moves between pages of a long
 * table; the page keys this by which rows it lists (all of them, or the changed ones).
 */
export function ReviewWorkbench({
  submissionId,
  version,
  rows,
  administrators,
  canOpen,
  canDecide,
  filtered,
}: {
  submissionId: number;
  version: number;
  /** The rows of the page shown: of all of them, or on a resubmission of those that changed. */
  rows: ReviewRowView[];
  /** How many accounts an approval issues (every filled row, shown or not). */
  administrators: number;
  canOpen: boolean;
  canDecide: boolean;
  /** A search or filter is narrowing the rows. */
  filtered: boolean;
}) {
  const router = useRouter();
  const [returning, setReturning] = useState(false);
  const [rowReasons, setRowReasons] = useState<ReadonlyMap<number, string>>(new Map());
  const { register, handleSubmit, formState, setError, reset } = useForm<ReturnInput, unknown, ReturnOutput>({
    resolver: zodResolver(returnSchema),
    defaultValues: { submissionId, expectedVersion: version, reason: "", requireNewScan: false },
  });
  const errors = formState.errors;

  const open = useAction(openReview);
  const approve = useAction(approveSubmission);
  const { run: sendReturn } = useAction(returnSubmission, setError);
  const pending = open.pending || approve.pending;

  // Refused or not, the page then shows the submission as it is now: a refusal may mean another reviewer decided first.
  const act = async (decision: Promise<ActionResult<unknown>>, done: string) => {
    if ((await decision).ok) toast.success(done);
    router.refresh();
  };
  const onReturn = handleSubmit(async (values) => {
    const result = await sendReturn({ ...values, expectedVersion: version, rowReasons: [...rowReasons].map(([unitId, reason]) => ({ unitId, reason })) });
    if (result.ok) {
      toast.success("已退回，报送单位将按原因修改后重新提交");
      reset();
      setRowReasons(new Map());
      setReturning(false);
      router.refresh();
    }
  });

  return (
    <form onSubmit={onReturn} noValidate aria-label="审核" className="flex flex-col gap-4">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{filtered ? "没有符合条件的单位。" : "本次没有修改任何一行。"}</p>
      ) : (
        <TableFrame
          testId="review-table"
          head={
            <>
              <th scope="col" className={cn(headCellClass, "w-12")}>序号</th>
              <th scope="col" className={headCellClass}>{FIELD_LABELS.unitName}</th>
              <th scope="col" className={cn(headCellClass, "w-32")}>学校标识码</th>
              <th scope="col" className={cn(headCellClass, "w-24")}>{FIELD_LABELS.name}</th>
              <th scope="col" className={cn(headCellClass, "w-28")}>{FIELD_LABELS.position}</th>
              <th scope="col" className={cn(headCellClass, "w-36")}>{FIELD_LABELS.phone}</th>
              <th scope="col" className={headCellClass}>{FIELD_LABELS.email}</th>
              <th scope="col" className={cn(headCellClass, "w-44")}>填报 / 确认</th>
            </>
          }
        >
          {rows.map((row) => (
            <tr key={row.unitId} className={cn("border-t border-slate-100 align-top", row.changed && "bg-amber-50/60")} data-testid="review-row" data-unit={row.unitName}>
              <td className="px-3 py-2 text-slate-400">{row.ordinal}</td>
              <td className="px-3 py-2" style={{ paddingLeft: `${0.75 + row.depth * 1.25}rem` }}>
                <span className="text-slate-900">{row.unitName}</span>
                {row.changed && <span className="ml-2 text-xs text-amber-700">本次有修改</span>}
                <RowFlags row={row} />
                {returning && row.entry && (
                  <Field id={`rowReason-${row.unitId}`} label={`该行退回原因（选填）：${row.unitName}`} className="mt-2">
                    <input
                      id={`rowReason-${row.unitId}`}
                      className={inputClass}
                      maxLength={REASON_MAX_LENGTH}
                      data-testid="row-reason"
                      value={rowReasons.get(row.unitId) ?? ""}
                      onChange={(e) => setRowReasons((known) => new Map(known).set(row.unitId, e.target.value))}
                    />
                  </Field>
                )}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{row.entry?.schoolCode}</td>
              <EntryCells unitId={row.unitId} entry={row.entry} emptyText="该单位未填写" emptyClassName="text-red-600" />
              <Provenance row={row} />
            </tr>
          ))}
        </TableFrame>
      )}

      {errors.root?.server && (
        <Notice tone="error" testId="review-error">
          {errors.root.server.message}
        </Notice>
      )}
      {returning && (
        <Field id="reason" label="退回原因" error={errors.reason?.message} required hint="报送单位将看到此原因和各行的原因，修改后重新提交。">
          <textarea id="reason" rows={3} maxLength={REASON_MAX_LENGTH} className={cn(inputClass, "h-auto py-1")} data-testid="return-reason" {...register("reason")} {...describedBy("reason", errors.reason?.message)} />
        </Field>
      )}
      {returning && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" data-testid="return-require-scan" {...register("requireNewScan")} />
          要求重新上传盖章扫描件（如扫描件不清晰、未盖章或与表格不符）
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {canOpen && (
          <Button variant="primary" disabled={pending} data-testid="review-open" onClick={() => act(open.run({ submissionId, expectedVersion: version }), "已开始审核，报送单位不能再撤回")}>
            开始审核
          </Button>
        )}
        {canDecide && !returning && (
          <>
            <ConfirmDialog
              trigger={
                <Button variant="primary" disabled={pending} data-testid="review-approve">
                  通过
                </Button>
              }
              title="通过本报送？"
              description={`通过后将为表中 ${administrators} 位管理员开通账号，并向其邮箱发送激活邮件。此操作不能撤销。`}
              confirmLabel="通过并开通账号"
              onConfirm={() => act(approve.run({ submissionId, expectedVersion: version }), "已通过，账号激活邮件已排队发送")}
            />
            <Button variant="danger" disabled={pending} data-testid="review-return" onClick={() => setReturning(true)}>
              退回
            </Button>
          </>
        )}
        {returning && (
          <>
            <Button type="submit" variant="danger" disabled={formState.isSubmitting} data-testid="review-return-confirm">
              {formState.isSubmitting ? "正在退回…" : "确认退回"}
            </Button>
            <Button onClick={() => setReturning(false)}>取消</Button>
          </>
        )}
      </div>
    </form>
  );
}

/** Which unit and person filled the row, and who of the city confirmed it when a delegate filled it (分派填报). */
function Provenance({ row }: { row: ReviewRowView }) {
  return (
    <td className="px-3 py-2 text-xs text-slate-600" data-testid="review-provenance">
      {row.filledBy && (
        <p data-testid="review-filled-by">
          {row.filledBy.unitName} {row.filledBy.name} 填写
        </p>
      )}
      {row.confirmedBy && (
        <p className="mt-1" data-testid="review-confirmed-by">
          {row.confirmedBy.name} {row.confirmedBy.at} 确认
        </p>
      )}
    </td>
  );
}

function RowFlags({ row }: { row: ReviewRowView }) {
  const d = row.duplicates;
  return (
    <>
      {row.previousReason && <p className="mt-1 text-xs text-orange-700">上次退回原因：{row.previousReason}</p>}
      {row.warnings.map((w) => (
        <p key={w} className="mt-1 text-xs text-amber-700" data-testid="row-flag">
          ⚠ {w}
        </p>
      ))}
      {d && d.email.length > 0 && <p className="mt-1 text-xs text-amber-700">同一邮箱：{d.email.join("、")}</p>}
      {d && d.phone.length > 0 && <p className="mt-1 text-xs text-amber-700">同一联系电话：{d.phone.join("、")}</p>}
      {d && d.account.length > 0 && (
        <p className="mt-1 text-xs text-red-600" data-testid="row-flag">
          ⚠ 该邮箱已是「{d.account.join("、")}」的平台账号，通过时无法为本单位开通，请退回更换
        </p>
      )}
    </>
  );
}
