"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { deleteSession } from "@/lib/training/plan/actions";

/** Deleting a session nobody has registered for; the server refuses once someone has. */
export function DeleteSessionButton({ sessionId, title }: { sessionId: number; title: string }) {
  const router = useRouter();
  const { run, pending } = useAction(deleteSession);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="link" disabled={pending} data-testid="session-delete">
          删除
        </Button>
      }
      title={`删除场次「${title}」`}
      description="删除后该场次及其名额分配一并删除，不能恢复。已有单位报送回执的场次不能删除。"
      confirmLabel="删除"
      confirmVariant="danger"
      onConfirm={async () => {
        const result = await run({ sessionId });
        if (!result.ok) return;
        toast.success("场次已删除");
        router.refresh();
      }}
    />
  );
}
