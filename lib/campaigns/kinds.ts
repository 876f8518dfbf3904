// What each kind of task is called and where a unit does it. The engine (assignments, deadline, reminders, 催报,
// completeness, bulletin, audit) is the same for every kind; these are the few words and paths that differ.
import type { CampaignKind } from "@/db/schema";

export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = {
  roster: "单位系统管理员实名信息",
  training: "系统应用培训",
  verification: "数据核验",
};

/** Where a unit does its part of a task: its table (roster), the training task's page, or the verification task's. */
export function taskPath(kind: CampaignKind, { campaignId, submissionId }: { campaignId: number; submissionId: number | null }): string {
  if (kind === "training") return `/training/${campaignId}`;
  if (kind === "verification") return `/verification/${campaignId}`;
  return submissionId ? `/submissions/${submissionId}` : `/campaigns/${campaignId}`;
}
