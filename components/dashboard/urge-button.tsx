"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { urgeUnit } from "@/lib/reminders/actions";

/** One click: a reminder to the unit goes into the outbox now (at most once an hour per unit). */
export function UrgeButton({ campaignId, unitId, unitName }: { campaignId: number; unitId: number; unitName: string }) {
  const router = useRouter();
  const { run, pending } = useAction(urgeUnit);

  async function urge() {
    const result = await run({ campaignId, unitId });
    if (result.ok) {
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
