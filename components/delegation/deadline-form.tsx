"use client";

import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { DeciderKind } from "@/lib/delegation/rules";
import { DeadlineFields, type DeadlineValues } from "./deadline-fields";
import { DECIDER_ACTIONS, LOWER_LEVEL } from "./decider-actions";

/** 修改下级截止时间: one internal deadline for every delegate of the table, or (a county) for every school it handed rows on to. */
export function DeadlineForm({ submissionId, current, decider = "city" }: { submissionId: number; current: DeadlineValues; decider?: DeciderKind }) {
  const router = useRouter();
  const form = useForm<DeadlineValues>({ defaultValues: current });
  const { run, pending } = useAction(DECIDER_ACTIONS[decider].setDeadline, form.setError);
  const submit = form.handleSubmit(async (values) => {
    const result = await run({ submissionId, ...values });
    if (!result.ok) return;
    toast.success(`已修改 ${result.data.delegations} 个${LOWER_LEVEL[decider]}单位的截止时间`);
    router.refresh();
  });
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid={decider === "city" ? "deadline-form" : "school-deadline-form"} noValidate>
      <DeadlineFields control={form.control} errors={form.formState.errors} idPrefix={decider === "city" ? "delegate-deadline" : "school-deadline"} />
      {form.formState.errors.root?.server && <Notice tone="error">{form.formState.errors.root.server.message}</Notice>}
      <div>
        <Button type="submit" disabled={pending} data-testid="deadline-save">
          {pending ? "正在保存…" : "保存截止时间"}
        </Button>
      </div>
    </form>
  );
}
