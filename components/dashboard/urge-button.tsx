"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { applyResult } from "@/components/roster/apply-result";
import { Button } from "@/components/ui/button";
import { urgeUnit } from "@/lib/reminders/actions";

/** One click: a reminder to the unit goes into the outbox now (at most once an hour per unit). */
export function UrgeButton({ campaignId, unitId, unitName }: { campaignId: number; unitId: number; unitName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function urge() {
    setPending(true);
    const result = await urgeUnit({ campaignId, unitId }).finally(() => setPending(false));
    if (applyResult(result) && result.ok) {
      toast.success(`已向「${result.data.unitName}」发送催报提醒（${result.data.recipients} 人）`);
      router.refresh();
    }
  }

  return (
    <Button disabled={pending} onClick={urge} aria-label={`催报${unitName}`} data-testid="urge">
      {pending ? "正在催报…" : "催报"}
    </Button>
  );
}
