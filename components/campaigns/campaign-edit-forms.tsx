"use client";

import { useRouter } from "next/navigation";
import { setUnits, updateNotice, updateSchedule } from "@/lib/campaigns/actions";
import { type NoticeInput, noticeSchema, type ScheduleInput, scheduleSchema, unitsSchema } from "@/lib/campaigns/schemas";
import { CampaignForm } from "./campaign-form";
import { NoticeFields } from "./notice-fields";
import { ScheduleFields } from "./schedule-fields";
import { type UnitChoices, UnitPicker } from "./unit-picker";

// The sections of an existing campaign, each saved on its own. Keyed by what the server holds, so the
// refresh after a save starts the form again from the stored (normalized) values.

/** `tableNotes`: false for a task without a table (系统应用培训). */
export function NoticeForm({ campaignId, defaults, disabled, tableNotes = true }: { campaignId: number; defaults: NoticeInput; disabled?: boolean; tableNotes?: boolean }) {
  const router = useRouter();
  return (
    <CampaignForm
      key={JSON.stringify(defaults)}
      schema={noticeSchema}
      defaultValues={defaults}
      save={(values) => updateNotice({ ...values, campaignId })}
      onSaved={() => router.refresh()}
      saved="通知已保存"
      submitLabel="保存通知"
      label="通知"
      disabled={disabled}
      testId="notice"
    >
      <NoticeFields tableNotes={tableNotes} />
    </CampaignForm>
  );
}

export function ScheduleForm({ campaignId, defaults, disabled }: { campaignId: number; defaults: ScheduleInput; disabled?: boolean }) {
  const router = useRouter();
  return (
    <CampaignForm
      key={JSON.stringify(defaults)}
      schema={scheduleSchema}
      defaultValues={defaults}
      save={(values) => updateSchedule({ ...values, campaignId })}
      onSaved={() => router.refresh()}
      saved="截止时间与提醒已保存"
      submitLabel="保存截止时间与提醒"
      label="截止时间与提醒"
      disabled={disabled}
      testId="schedule"
    >
      <ScheduleFields />
    </CampaignForm>
  );
}

export function UnitsForm({ campaignId, unitIds, choices, disabled }: { campaignId: number; unitIds: number[]; choices: UnitChoices; disabled?: boolean }) {
  const router = useRouter();
  return (
    <CampaignForm
      key={unitIds.join()}
      schema={unitsSchema}
      defaultValues={{ unitIds }}
      save={(values) => setUnits({ ...values, campaignId })}
      onSaved={() => router.refresh()}
      saved="报送单位已保存"
      submitLabel="保存报送单位"
      label="报送单位"
      disabled={disabled}
      testId="units"
    >
      <UnitPicker choices={choices} disabled={disabled} />
    </CampaignForm>
  );
}
