"use client";

import { useFormContext } from "react-hook-form";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import type { CreateTrainingInput } from "@/lib/training/plan/schemas";

export type RosterTaskChoice = { id: number; title: string; docNumber: string };

/** 参训人员来源: the province's roster task whose approved administrators are pre-filled into the 回执. */
export function SourceField({ tasks }: { tasks: RosterTaskChoice[] }) {
  const { register, formState } = useFormContext<CreateTrainingInput>();
  const error = formState.errors.sourceCampaignId?.message;
  return (
    <Field id="sourceCampaignId" label="参训人员来源" error={error} hint="培训回执将预填该任务中审核通过的各单位系统管理员。" required>
      <select id="sourceCampaignId" className={inputClass} data-testid="training-source" {...register("sourceCampaignId")} {...describedBy("sourceCampaignId", error)}>
        <option value="">请选择单位系统管理员实名信息报送任务</option>
        {tasks.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}（{t.docNumber}）
          </option>
        ))}
      </select>
    </Field>
  );
}
