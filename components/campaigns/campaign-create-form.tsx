"use client";

import { useRouter } from "next/navigation";
import { Card } from "@/components/ui/card";
import { createCampaign } from "@/lib/campaigns/actions";
import { type CreateCampaignInput, createCampaignSchema } from "@/lib/campaigns/schemas";
import { CampaignForm } from "./campaign-form";
import { NoticeFields } from "./notice-fields";
import { ScheduleFields } from "./schedule-fields";
import { type UnitChoices, UnitPicker } from "./unit-picker";

/** 新建任务: everything a campaign needs, saved as a draft; attachments are added on the next page. */
export function CampaignCreateForm({ defaults, choices }: { defaults: CreateCampaignInput; choices: UnitChoices }) {
  const router = useRouter();
  return (
    <CampaignForm
      schema={createCampaignSchema}
      defaultValues={defaults}
      save={createCampaign}
      onSaved={({ campaignId }) => router.push(`/admin/campaigns/${campaignId}`)}
      saved="任务已保存为草稿，可以继续添加附件，核对无误后发布"
      submitLabel="保存草稿"
      label="新建任务"
      testId="campaign"
    >
      <Card title="通知">
        <NoticeFields />
      </Card>
      <Card title="截止时间与提醒">
        <ScheduleFields />
      </Card>
      <Card title="报送单位">
        <UnitPicker choices={choices} />
      </Card>
    </CampaignForm>
  );
}
