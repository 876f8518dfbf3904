import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { Tag } from "@/components/ui/tag";
import { CAMPAIGN_KIND_LABELS } from "@/lib/campaigns/kinds";
import type { CampaignListItem } from "@/lib/campaigns/queries";
import { formatDateTime } from "@/lib/time";
import { CampaignStatusTag } from "./campaign-status-tag";

const COLUMNS: Column<CampaignListItem>[] = [
  {
    header: "任务",
    cell: (c) => (
      <>
        <Link href={`/admin/campaigns/${c.id}`} className="text-slate-900 hover:text-brand-600">
          {c.title}
        </Link>
        <p className="text-xs text-slate-500">
          {c.issuer} · {c.docNumber}
        </p>
      </>
    ),
  },
  { header: "任务类型", className: "whitespace-nowrap", cell: (c) => <Tag tone={c.kind === "training" ? "blue" : "grey"}>{CAMPAIGN_KIND_LABELS[c.kind]}</Tag> },
  { header: "状态", className: "whitespace-nowrap", cell: (c) => <CampaignStatusTag status={c.status} /> },
  { header: "截止时间（北京时间）", className: "whitespace-nowrap", cell: (c) => formatDateTime(c.deadline) },
  { header: "报送单位", className: "text-right", cell: (c) => c.units },
  { header: "已报送", className: "text-right", cell: (c) => (c.status === "draft" ? "—" : c.submitted) },
  {
    header: "操作",
    className: "whitespace-nowrap",
    cell: (c) => (
      <>
        <Link href={`/admin/campaigns/${c.id}`} className={buttonClass("link")}>
          编辑
        </Link>
        <span className="mx-2 text-slate-300">|</span>
        <Link href={`/admin/campaigns/${c.id}/settings`} className={buttonClass("link")}>
          设置
        </Link>
      </>
    ),
  },
];

/** 任务管理's list: each campaign with its units and how many have submitted. */
export function CampaignTable({ campaigns }: { campaigns: CampaignListItem[] }) {
  return (
    <DataTable
      rows={campaigns}
      columns={COLUMNS}
      rowKey={(c) => c.id}
      rowProps={() => ({ "data-testid": "campaign-row" })}
      empty={{ title: "暂无任务", description: "点击「新建任务」，填写通知、截止时间和报送单位。" }}
      minWidth="min-w-[820px]"
      testId="campaign-table"
    />
  );
}
