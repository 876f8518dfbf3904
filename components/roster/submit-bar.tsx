"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { useSubmitBlockers } from "./live";
import { useSubmissionVersion } from "./submission-version";
import type { ActionResult } from "@/lib/core/errors";
import { submitSubmission, withdrawSubmission } from "@/lib/submissions/actions";
import type { Readiness } from "@/lib/submissions/workflow";

/** 「提交」 with what is still missing, and 「撤回」 while no reviewer has opened it. */
export function SubmitBar({
  submissionId,
  readiness,
  canSubmit,
  canWithdraw,
  overdue,
}: {
  submissionId: number;
  readiness: Readiness;
  canSubmit: boolean;
  canWithdraw: boolean;
  overdue: boolean;
}) {
  const router = useRouter();
  const submit = useAction(submitSubmission);
  const withdraw = useAction(withdrawSubmission);
  const pending = submit.pending || withdraw.pending;
  const latest = useSubmissionVersion();
  // The delegated rows still to confirm are listed as links to their rows, in place of workflow's sentence naming them.
  const blockers = useSubmitBlockers({ ...readiness, unconfirmedCount: 0, unconfirmed: [] });
  const blocked = blockers.length > 0 || readiness.unconfirmedCount > 0;

  // Refused or not, the page then shows the submission as it is now: a refusal may mean a reviewer or a colleague acted first.
  async function run(action: (input: unknown) => Promise<ActionResult<unknown>>, success: string) {
    if ((await action({ submissionId, expectedVersion: latest.version })).ok) toast.success(success);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      {canSubmit && blocked && (
        <ul className="text-sm text-orange-700" data-testid="submit-blockers">
          {blockers.map((b) => (
            <li key={b}>· {b}</li>
          ))}
          {readiness.unconfirmedCount > 0 && <UnconfirmedBlocker readiness={readiness} />}
        </ul>
      )}
      {canWithdraw && (
        <ConfirmDialog
          trigger={<Button disabled={pending} data-testid="withdraw">撤回</Button>}
          title="撤回本次提交？"
          description="撤回后报送恢复为草稿，可以继续修改，修改完成后需要重新上传扫描件（如有变化）并再次提交。"
          confirmLabel="撤回"
          onConfirm={() => run(withdraw.run, "已撤回，可以继续修改")}
        />
      )}
      {canSubmit && (
        <ConfirmDialog
          trigger={
            <Button variant="primary" disabled={pending || blocked} data-testid="submit">
              {pending ? "正在提交…" : "提交"}
            </Button>
          }
          title="确认提交？"
          description={
            <>
              提交后表格将锁定，等待省教育厅审核。审核开始前可以撤回。
              {overdue && <p className="mt-2 text-red-600">已过截止时间，本次提交将标记为逾期。</p>}
            </>
          }
          confirmLabel="确认提交"
          onConfirm={() => run(submit.run, "已提交，等待省教育厅审核")}
        />
      )}
    </div>
  );
}

/**
 * 「还有 n 个下级填报的单位未确认」 with each unit named (the first of them) as a link to its row: the search finds
 * the row whatever page it is on, and the anchor scrolls to it.
 */
function UnconfirmedBlocker({ readiness: { unconfirmed, unconfirmedCount } }: { readiness: Readiness }) {
  return (
    <li data-testid="submit-blocker-unconfirmed">
      · 还有 {unconfirmedCount} 个下级填报的单位未确认：
      {unconfirmed.map((u, i) => (
        <span key={u.unitId}>
          {i > 0 && "、"}
          <Link href={`?q=${encodeURIComponent(u.unitName)}#row-${u.unitId}`} className="text-brand-600 hover:underline" data-testid="submit-blocker-unit">
            {u.unitName}
          </Link>
        </span>
      ))}
      {unconfirmedCount > unconfirmed.length && ` 等 ${unconfirmedCount} 个单位`}
    </li>
  );
}
