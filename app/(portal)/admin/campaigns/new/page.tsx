import type { Metadata } from "next";
import { CampaignCreateForm } from "@/components/campaigns/campaign-create-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { getCampaignsForAdmin, getReportingUnitChoices } from "@/lib/campaigns/queries";
import { DEFAULT_REMINDER_OFFSETS, offsetToSlot, toBeijing } from "@/lib/campaigns/schedule";
import { schoolYearChoices } from "@/lib/verification/tasks/years";

export const metadata: Metadata = { title: "新建任务" };

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export default async function NewCampaignPage() {
  const actor = await requirePermission("campaigns.manage");
  const choices = await getReportingUnitChoices({ db: getDb(), actor });
  // A training task draws its participants from one of the province's roster tasks.
  const rosterTasks = (await getCampaignsForAdmin({ db: getDb(), actor }))
    .filter((c) => c.kind === "roster")
    .map(({ id, title, docNumber }) => ({ id, title, docNumber }));
  // A week ahead at 17:00 Beijing time: the usual shape of a deadline, to be changed as needed.
  const deadline = toBeijing(new Date(new Date().getTime() + WEEK_MS));
  return (
    <>
      <PageHeader crumbs={[{ label: "任务管理", href: "/admin/campaigns" }, { label: "新建任务" }]} title="新建任务" />
      <CampaignCreateForm
        choices={choices}
        rosterTasks={rosterTasks}
        schoolYears={schoolYearChoices(new Date())}
        defaults={{
          title: "",
          docNumber: "",
          issuer: "河北省教育厅办公室",
          body: "",
          tableNotes: "",
          contacts: [],
          deadlineDate: deadline.date,
          deadlineTime: "17:00",
          reminders: DEFAULT_REMINDER_OFFSETS.map(offsetToSlot),
          unitIds: [],
        }}
      />
    </>
  );
}
