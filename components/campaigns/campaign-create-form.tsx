"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SourceField, type RosterTaskChoice } from "@/components/training/plan/source-field";
import { SchoolYearField } from "@/components/verification/tasks/school-year-field";
import { Card } from "@/components/ui/card";
import type { CampaignKind } from "@/db/schema";
import { createCampaign } from "@/lib/campaigns/actions";
import { CAMPAIGN_KIND_LABELS } from "@/lib/campaigns/kinds";
import { type CreateCampaignInput, createCampaignSchema } from "@/lib/campaigns/schemas";
import { createTraining } from "@/lib/training/plan/actions";
import { createTrainingSchema } from "@/lib/training/plan/schemas";
import { createVerification } from "@/lib/verification/tasks/actions";
import { createVerificationSchema } from "@/lib/verification/tasks/schemas";
import { CampaignForm } from "./campaign-form";
import { NoticeFields } from "./notice-fields";
import { ScheduleFields } from "./schedule-fields";
import { type UnitChoices, UnitPicker } from "./unit-picker";

const KINDS: { kind: CampaignKind; label: string; hint: string }[] = [
  { kind: "roster", label: `${CAMPAIGN_KIND_LABELS.roster}报送`, hint: "各单位填报《单位系统管理员实名信息表》，市级汇总报送。" },
  { kind: "training", label: CAMPAIGN_KIND_LABELS.training, hint: "分阶段安排培训场次和名额，各单位报送培训回执。" },
  { kind: "verification", label: CAMPAIGN_KIND_LABELS.verification, hint: "按学年导入参考数据逐校比对，学校更正或说明差异后逐级确认。" },
];

/** 新建任务: the kind first, then everything a task of that kind needs, saved as a draft; attachments are added on the next page. */
export function CampaignCreateForm({
  defaults,
  choices,
  rosterTasks,
  schoolYears,
}: {
  defaults: CreateCampaignInput;
  choices: UnitChoices;
  rosterTasks: RosterTaskChoice[];
  schoolYears: number[];
}) {
  const router = useRouter();
  const [kind, setKind] = useState<CampaignKind>("roster");
  const common = {
    onSaved: ({ campaignId }: { campaignId: number }) => router.push(`/admin/campaigns/${campaignId}`),
    saved: "任务已保存为草稿，可以继续添加附件，核对无误后发布",
    submitLabel: "保存草稿",
    label: "新建任务",
    testId: "campaign",
  };
  const schedule = (
    <>
      <Card title="截止时间与提醒">
        <ScheduleFields />
      </Card>
      <Card title="报送单位">
        <UnitPicker choices={choices} />
      </Card>
    </>
  );
  return (
    <div className="flex flex-col gap-4">
      <Card title="任务类型">
        <fieldset className="flex flex-col gap-2" data-testid="campaign-kind">
          <legend className="sr-only">任务类型</legend>
          {KINDS.map((k) => (
            <label key={k.kind} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="radio" name="kind" value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} className="mt-1" data-testid={`campaign-kind-${k.kind}`} />
              <span>
                {k.label}
                <span className="block text-xs text-slate-500">{k.hint}</span>
              </span>
            </label>
          ))}
          <p className="text-xs text-slate-500">切换任务类型会清空下方已填写的内容，请先选择类型再填写。</p>
        </fieldset>
      </Card>
      {kind === "roster" ? (
        <CampaignForm key="roster" schema={createCampaignSchema} defaultValues={defaults} save={createCampaign} {...common}>
          <Card title="通知">
            <NoticeFields />
          </Card>
          {schedule}
        </CampaignForm>
      ) : kind === "verification" ? (
        <CampaignForm key="verification" schema={createVerificationSchema} defaultValues={{ ...defaults, tableNotes: "", schoolYear: "" }} save={createVerification} {...common}>
          <Card title="通知">
            <NoticeFields tableNotes={false} />
          </Card>
          <Card title="核验学年">
            <SchoolYearField years={schoolYears} />
          </Card>
          {schedule}
        </CampaignForm>
      ) : (
        <CampaignForm key="training" schema={createTrainingSchema} defaultValues={{ ...defaults, tableNotes: "", sourceCampaignId: "" }} save={createTraining} {...common}>
          <Card title="通知">
            <NoticeFields tableNotes={false} />
          </Card>
          <Card title="参训人员">
            <SourceField tasks={rosterTasks} />
          </Card>
          {schedule}
        </CampaignForm>
      )}
    </div>
  );
}
