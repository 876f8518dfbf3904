"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { closeSession } from "@/lib/training/attendance/actions";

/** 关闭场次: attendance becomes final; the server refuses while the scan is missing or lines wait. */
export function CloseSession({ sessionId, blocker }: { sessionId: number; blocker: string | null }) {
  const router = useRouter();
  const { run, pending } = useAction(closeSession);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <ConfirmDialog
        trigger={
          <Button variant="primary" disabled={pending || blocker !== null} data-testid="close-session">
            关闭场次
          </Button>
        }
        title="关闭场次"
        description="关闭后签到结果即为最终结果：有对应签到记录的报名人员记为「已参训」，其余记为「缺席」，并可安排补训。关闭后不能再导入或修改签到记录。"
        confirmLabel="确认关闭"
        onConfirm={async () => {
          const result = await run({ sessionId });
          if (result.ok) {
            toast.success(`场次已关闭：已参训 ${result.data.present} 人，缺席 ${result.data.absent} 人`);
            router.refresh();
          }
        }}
      />
      {blocker && <p className="text-sm text-slate-500">{blocker}</p>}
    </div>
  );
}
