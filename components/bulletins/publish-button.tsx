"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { publishBulletin } from "@/lib/bulletins/actions";

export function PublishBulletinButton({ bulletinId }: { bulletinId: number }) {
  const router = useRouter();
  const { run: publish, pending } = useAction(publishBulletin);
  async function run() {
    if ((await publish({ bulletinId })).ok) {
      toast.success("通报已发布，所有用户可在首页看到");
      router.refresh();
    }
  }
  return (
    <ConfirmDialog
      trigger={
        <Button variant="primary" disabled={pending} data-testid="bulletin-publish">
          发布
        </Button>
      }
      title="发布本通报？"
      description="发布后，所有用户都能在首页看到本通报，内容不能再修改。"
      confirmLabel="发布"
      onConfirm={run}
    />
  );
}
