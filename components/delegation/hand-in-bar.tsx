"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useRosterLive } from "@/components/roster/live";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/core/errors";
import { handInRows, withdrawHandIn } from "@/lib/delegation/actions";
import { type DelegationProgress, describeProgress } from "@/lib/delegation/progress";
import { handInLabel } from "@/lib/delegation/rules";
import { formatDateTime } from "@/lib/time";

export type HandInRow = { unitId: number; unitName: string; filled: boolean };
export type ReturnedRow = { unitId: number; unitName: string; reason: string | null; decidedByName: string | null; decidedAt: Date | null };

/**
 * A delegate's 「提交给市级」 (a school's under its county: 「提交给县级」, `toCounty`) with the rows that still block it,
 * and 「撤回」 while the unit it hands in to (`cityName`) has not confirmed what it handed in. `open` are its rows to
 * fill (待填写 or 已退回); `waiting` how many wait for the decision. A collecting county also hands in the school rows
 * it confirmed (`accepted`), once none is `pendingSchools` (not yet confirmed by it).
 */
export function HandInBar({
  delegationId,
  version,
  cityName,
  toCounty = false,
  progress,
  open,
  pendingSchools = [],
  accepted = 0,
  waiting,
  returned,
  editable,
}: {
  delegationId: number;
  version: number;
  cityName: string;
  toCounty?: boolean;
  progress: DelegationProgress;
  open: HandInRow[];
  pendingSchools?: { unitId: number; unitName: string }[];
  accepted?: number;
  waiting: number;
  returned: ReturnedRow[];
  /** The city's table is still open: not yet submitted to the province, the campaign not closed. */
  editable: boolean;
}) {
  const router = useRouter();
  const handIn = useAction(handInRows);
  const withdraw = useAction(withdrawHandIn);
  const pending = handIn.pending || withdraw.pending;
  // Rows saved on this page since it was rendered count as filled.
  const savedHere = new Set(useRosterLive().events.flatMap((e) => (e.action === "row.saved" && typeof e.detail.unitId === "number" ? [e.detail.unitId] : [])));
  const unfilled = open.filter((r) => !r.filled && !savedHere.has(r.unitId));
  const newlyFilled = open.filter((r) => !r.filled && savedHere.has(r.unitId)).length;
  const label = handInLabel(toCounty ? "county" : "city");
  const handable = open.length + accepted > 0;
  const blocked = unfilled.length > 0 || pendingSchools.length > 0;

  // Refused or not, the page then shows the delegation as it is now: the city may have acted first.
  async function run(action: (input: unknown) => Promise<ActionResult<unknown>>, success: string) {
    if ((await action({ delegationId, expectedVersion: version })).ok) toast.success(success);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="hand-in-bar">
      <p className="text-slate-700">
        状态：<span data-testid="delegation-state">{describeProgress({ ...progress, filled: progress.filled + newlyFilled }, toCounty)}</span>
      </p>
      {returned.length > 0 && (
        <Notice tone="warning" testId="returned-rows">
          <p>以下单位的信息被{cityName}退回，请按原因修改后重新{label}：</p>
          <ul className="mt-1 list-disc pl-5">
            {returned.map((r) => (
              <li key={r.unitId}>
                「{r.unitName}」：{r.reason}
                {r.decidedAt && (
                  <span className="text-amber-700">
                    （{r.decidedByName ?? cityName}，{formatDateTime(r.decidedAt)}）
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <div className="flex flex-wrap items-center justify-end gap-3">
        {editable && handable && blocked && (
          <ul className="text-orange-700" data-testid="hand-in-blockers">
            {unfilled.slice(0, 10).map((r) => (
              <li key={r.unitId}>· 「{r.unitName}」的管理员信息尚未填写</li>
            ))}
            {unfilled.length > 10 && <li>· 等 {unfilled.length} 个单位尚未填写</li>}
            {pendingSchools.slice(0, 10).map((r) => (
              <li key={r.unitId} data-testid="hand-in-pending-school">
                · 「{r.unitName}」由学校填报，尚未确认
              </li>
            ))}
            {pendingSchools.length > 10 && <li>· 等 {pendingSchools.length} 所学校尚未确认</li>}
          </ul>
        )}
        {editable && waiting > 0 && (
          <ConfirmDialog
            trigger={
              <Button disabled={pending} data-testid="withdraw-hand-in">
                撤回
              </Button>
            }
            title={`撤回已${label}的信息？`}
            description={`撤回后这些行恢复为待填写，可以继续修改，修改完成后需要重新${label}。${cityName}已确认的行不能撤回。`}
            confirmLabel="撤回"
            onConfirm={() => run(withdraw.run, "已撤回，可以继续修改")}
          />
        )}
        {editable && handable && (
          <ConfirmDialog
            trigger={
              <Button variant="primary" disabled={pending || blocked} data-testid="hand-in">
                {handIn.pending ? "正在提交…" : label}
              </Button>
            }
            title={`确认${label}？`}
            description={`提交后这些行将锁定，等待${cityName}确认。确认前可以撤回。`}
            confirmLabel={`确认${label}`}
            onConfirm={() => run(handIn.run, `已${label}，等待${cityName}确认`)}
          />
        )}
      </div>
    </div>
  );
}
