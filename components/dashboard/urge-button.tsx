"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { urgeUnit } from "@/lib/reminders/actions";

/** One click: a reminder to the unit goes into the outbox now (at most once an hour per unit). 「催填」 for a delegate of the city's table. */
export function UrgeButton({ campaignId, unitId, unitName, label = "催报" }: { campaignId: number; unitId: number; unitName: string; label?: "催报" | "催填" }) {
  const router = useRouter();
  const { run, pending } = useAction(urgeUnit);

  async function urge() {
    const result = await run({ campaignId, unitId });
    if (result.ok) {
      toast.success(`已向「${result.data.unitName}」发送${label}提醒（${result.data.recipients} 人）`);
      router.refresh();
    }
  }

  return (
    <Button disabled={pending} onClick={urge} aria-label={`${label}${unitName}`} data-testid="urge">
      {pending ? `正在${label}…` : label}
    </Button>
  );
}
