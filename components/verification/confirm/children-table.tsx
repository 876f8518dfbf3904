import Link from "next/link";
import { Empty } from "@/components/ui/empty";
import { Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/lib/time";
import type { ProgressChild } from "@/lib/verification/confirm/queries";
import { ApproveButton } from "./approve-button";

/** The units that confirm to a level: whether each has, its open and answered items, and where to look at it. */
export function ChildrenTable({ campaignId, items, mayApprove }: { campaignId: number; items: ProgressChild[]; mayApprove: boolean }) {
  if (items.length === 0) return <Empty title="没有需要确认的下级单位" />;
  return (
    <table className="w-full text-sm" data-testid="verification-children">
      <thead className="text-left text-slate-500">
        <tr>
          <th className="py-2 font-normal">单位</th>
          <th className="py-2 font-normal">待处理</th>
          <th className="py-2 font-normal">已答复</th>
          <th className="py-2 font-normal">确认情况</th>
          <th className="py-2 font-normal">
            <span className="sr-only">操作</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => {
          const school = c.kind === "school" || c.kind === "college";
          const href = school ? `/verification/${campaignId}/schools/${c.unitId}` : `/verification/${campaignId}/progress?unit=${c.unitId}`;
          return (
            <tr key={c.unitId} className="border-t border-slate-200" data-testid={`verification-child-${c.unitId}`}>
              <td className="py-2">
                <Link href={href} className="text-blue-700 underline">
                  {c.name}
                </Link>
              </td>
              <td className="py-2">{c.open}</td>
              <td className="py-2">{c.answered}</td>
              <td className="py-2">
                {c.submission?.status === "approved" ? (
                  <Tag tone="green">省级已确认</Tag>
                ) : c.confirmedAt ? (
                  <Tag tone="blue">已确认 {formatDateTime(c.confirmedAt)}</Tag>
                ) : (
                  <Tag tone="grey">未确认</Tag>
                )}
              </td>
              <td className="py-2 text-right">{mayApprove && c.submission?.status === "submitted" && <ApproveButton submission={c.submission} unitName={c.name} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
