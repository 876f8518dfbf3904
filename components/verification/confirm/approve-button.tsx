"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { approveReportingUnit } from "@/lib/verification/confirm/actions";

/** The province's 确认 of a reporting unit that has confirmed: approves its submission. */
export function ApproveButton({ submission, unitName }: { submission: { id: number; version: number }; unitName: string }) {
  const router = useRouter();
  const { run, pending } = useAction(approveReportingUnit);
  async function approve() {
    const result = await run({ submissionId: submission.id, expectedVersion: submission.version });
    if (!result.ok) return;
    toast.success(`已确认「${unitName}」的核验结果`);
    router.refresh();
  }
  return (
    <ConfirmDialog
      trigger={
        <Button variant="primary" disabled={pending} data-testid={`verification-approve-${submission.id}`}>
          确认
        </Button>
      }
      title={`确认「${unitName}」的核验结果`}
      description="确认后该单位的核验结果即审核通过，不能再退回。"
      confirmLabel="确认"
      onConfirm={() => void approve()}
    />
  );
}
