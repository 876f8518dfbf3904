"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { rerunVerification } from "@/lib/verification/rules/actions";

/** 重新核验: the rules against the latest snapshots; says what changed. */
export function RunButton({ campaignId }: { campaignId: number }) {
  const router = useRouter();
  const { run, pending } = useAction(rerunVerification);
  async function rerun() {
    const result = await run({ campaignId });
    if (!result.ok) return;
    const { found, opened, updated, closed } = result.data;
    toast.success(`核验完成：现有差异 ${found} 条，新增 ${opened} 条，更新 ${updated} 条，关闭 ${closed} 条。`);
    router.refresh();
  }
  return (
    <Button variant="primary" onClick={rerun} disabled={pending} data-testid="verification-run">
      {pending ? "正在核验…" : "重新核验"}
    </Button>
  );
}
