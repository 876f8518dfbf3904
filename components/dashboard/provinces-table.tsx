import Link from "next/link";
import { Empty } from "@/components/ui/empty";
import type { ProvinceProgress } from "@/lib/dashboard/queries";

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`);

/** 各省完成情况: one line per province's campaign, each opening that province's dashboard. */
export function ProvincesTable({ provinces }: { provinces: ProvinceProgress[] }) {
  if (provinces.length === 0) return <Empty title="各省尚未发布任务" />;
  return (
    <div className="max-h-[70vh] overflow-auto">
      <table className="w-full text-left text-sm" data-testid="provinces-table">
        <thead className="sticky top-0 z-10 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-normal">发布单位</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">文号</th>
            <th scope="col" className="px-3 py-2 text-right font-normal whitespace-nowrap">报送单位</th>
            <th scope="col" className="px-3 py-2 text-right font-normal whitespace-nowrap">已提交</th>
            <th scope="col" className="px-3 py-2 text-right font-normal whitespace-nowrap">已通过</th>
            <th scope="col" className="px-3 py-2 text-right font-normal whitespace-nowrap">已退回</th>
            <th scope="col" className="px-3 py-2 text-right font-normal whitespace-nowrap">已填/应填</th>
            <th scope="col" className="px-3 py-2 text-right font-normal whitespace-nowrap">完成率</th>
          </tr>
        </thead>
        <tbody>
          {provinces.map((p) => (
            <tr key={p.campaignId} className="border-t border-slate-100" data-testid="province-line" data-province={p.publisher}>
              <td className="px-3 py-2">
                <Link href={`/dashboard?campaign=${p.campaignId}`} className="text-brand-600 hover:underline">
                  {p.publisher}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">{p.docNumber}</td>
              <td className="px-3 py-2 text-right">{p.units}</td>
              <td className="px-3 py-2 text-right">{p.submitted}</td>
              <td className="px-3 py-2 text-right">{p.approved}</td>
              <td className="px-3 py-2 text-right">{p.returned}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                {p.rowsFilled}/{p.rowsExpected}
              </td>
              <td className="px-3 py-2 text-right">{percent(p.submitted, p.units)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
