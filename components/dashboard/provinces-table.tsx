import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import type { ProvinceProgress } from "@/lib/dashboard/queries";

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`);

const number = "text-right whitespace-nowrap";
const COLUMNS: Column<ProvinceProgress>[] = [
  {
    header: "发布单位",
    cell: (p) => (
      <Link href={`/dashboard?campaign=${p.campaignId}`} className="text-brand-600 hover:underline">
        {p.publisher}
      </Link>
    ),
  },
  { header: "文号", className: "whitespace-nowrap text-slate-600", cell: (p) => p.docNumber },
  { header: "报送单位", className: number, cell: (p) => p.units },
  { header: "已提交", className: number, cell: (p) => p.submitted },
  { header: "已通过", className: number, cell: (p) => p.approved },
  { header: "已退回", className: number, cell: (p) => p.returned },
  { header: "已填/应填", className: number, cell: (p) => `${p.rowsFilled}/${p.rowsExpected}` },
  { header: "完成率", className: number, cell: (p) => percent(p.submitted, p.units) },
];

/** 各省完成情况: one line per province's campaign, each opening that province's dashboard. */
export function ProvincesTable({ provinces }: { provinces: ProvinceProgress[] }) {
  return (
    <DataTable
      rows={provinces}
      columns={COLUMNS}
      rowKey={(p) => p.campaignId}
      rowProps={(p) => ({ "data-testid": "province-line", "data-province": p.publisher })}
      empty={{ title: "各省尚未发布任务" }}
      minWidth="min-w-[720px]"
      testId="provinces-table"
    />
  );
}
