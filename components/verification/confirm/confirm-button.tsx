"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { confirmLevel } from "@/lib/verification/confirm/actions";

/** 确认 of the actor's own level; once confirmed, the level below is locked. */
export function ConfirmButton({ submissionId, description }: { submissionId: number; description: string }) {
  const router = useRouter();
  const { run, pending } = useAction(confirmLevel);
  async function confirm() {
    const result = await run({ submissionId });
    if (!result.ok) return;
    toast.success("已确认");
    router.refresh();
  }
  return (
    <ConfirmDialog
      trigger={
        <Button variant="primary" disabled={pending} data-testid="verification-confirm">
          确认
        </Button>
      }
      title="确认核验结果"
      description={description}
      confirmLabel="确认"
      onConfirm={() => void confirm()}
    />
  );
}
