"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import type { CampaignStatus } from "@/db/schema";
import { closeCampaign, publishCampaign, reopenCampaign } from "@/lib/campaigns/actions";
import type { ActionResult } from "@/lib/core/errors";

type Step = { action: (input: unknown) => Promise<ActionResult<unknown>>; label: string; title: string; description: string; done: string; danger?: boolean };

/** 发布 for a draft, 结束 while it runs, 重新开启 once closed; each asks first. */
export function StatusActions({ campaignId, status, unitCount }: { campaignId: number; status: CampaignStatus; unitCount: number }) {
  const router = useRouter();
  const step: Step = {
    draft: {
      action: publishCampaign,
      label: "发布",
      title: "发布本任务？",
      description: `发布后，${unitCount} 个报送单位将在「我的任务」中看到本任务，其在用账号将收到通知邮件。发布后不能再更改报送单位。`,
      done: "任务已发布",
    },
    published: {
      action: closeCampaign,
      label: "结束任务",
      title: "结束本任务？",
      description: "结束后，各单位不能再修改或提交，系统也不再发送提醒。需要时可以重新开启。",
      done: "任务已结束",
      danger: true,
    },
    closed: {
      action: reopenCampaign,
      label: "重新开启",
      title: "重新开启本任务？",
      description: "重新开启后，各单位可以继续修改和提交；截止时间之后的提交将标记为逾期。",
      done: "任务已重新开启",
    },
  }[status];

  const { run: runStep, pending } = useAction(step.action);
  async function run() {
    if ((await runStep({ campaignId })).ok) {
      toast.success(step.done);
      router.refresh();
    }
  }

  return (
    <ConfirmDialog
      trigger={
        <Button variant={step.danger ? "danger" : "primary"} disabled={pending} data-testid={`campaign-${status === "draft" ? "publish" : status === "published" ? "close" : "reopen"}`}>
          {pending ? "请稍候…" : step.label}
        </Button>
      }
      title={step.title}
      description={step.description}
      confirmLabel={step.label}
      confirmVariant={step.danger ? "danger" : "primary"}
      onConfirm={run}
    />
  );
}
