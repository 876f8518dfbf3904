import { Tag, type TagTone } from "@/components/ui/tag";
import type { CampaignStatus } from "@/db/schema";

const STATUS: Record<CampaignStatus, { label: string; tone: TagTone }> = {
  draft: { label: "草稿", tone: "grey" },
  published: { label: "进行中", tone: "blue" },
  closed: { label: "已结束", tone: "grey" },
};

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  return <Tag tone={STATUS[status].tone} testId="campaign-status">{STATUS[status].label}</Tag>;
}
