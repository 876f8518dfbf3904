import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import { Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/lib/time";
import type { ProgressChild } from "@/lib/verification/confirm/queries";
import { ApproveButton } from "./approve-button";

/** The units that confirm to a level: whether each has, its open and answered items, and where to look at it. */
export function ChildrenTable({ campaignId, items, mayApprove }: { campaignId: number; items: ProgressChild[]; mayApprove: boolean }) {
  const columns: Column<ProgressChild>[] = [
    {
      header: "单位",
      cell: (c) => {
        const school = c.kind === "school" || c.kind === "college";
        const href = school ? `/verification/${campaignId}/schools/${c.unitId}` : `/verification/${campaignId}/progress?unit=${c.unitId}`;
        return (
          <Link href={href} className="text-brand-600 hover:underline">
            {c.name}
          </Link>
        );
      },
    },
    { header: "待处理", cell: (c) => c.open, className: "w-20" },
    { header: "已答复", cell: (c) => c.answered, className: "w-20" },
    {
      header: "确认情况",
      cell: (c) =>
        c.submission?.status === "approved" ? (
          <Tag tone="green">省级已确认</Tag>
        ) : c.confirmedAt ? (
          <Tag tone="blue">已确认 {formatDateTime(c.confirmedAt)}</Tag>
        ) : (
          <Tag tone="grey">未确认</Tag>
        ),
      className: "w-56",
    },
    { header: "操作", cell: (c) => mayApprove && c.submission?.status === "submitted" && <ApproveButton submission={c.submission} unitName={c.name} />, className: "w-28 text-right" },
  ];
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(c) => c.unitId}
      rowProps={(c) => ({ "data-testid": `verification-child-${c.unitId}` })}
      empty={{ title: "没有需要确认的下级单位" }}
      minWidth="min-w-[720px]"
      testId="verification-children"
    />
  );
}
