import type { Metadata } from "next";
import { ExportButton } from "@/components/privacy/export-button";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { TABLE_TITLE } from "@/lib/roster/template";
import { formatDateTime } from "@/lib/time";
import { getExportableCampaigns } from "@/lib/xlsx/queries";

export const metadata: Metadata = { title: "数据导出" };

/** 「数据导出」: the province's roster of each campaign as one workbook. */
export default async function ExportsPage() {
  const actor = await requirePermission("exports.province");
  const campaigns = await getExportableCampaigns({ db: getDb(), actor });
  return (
    <>
      <PageHeader crumbs={[{ label: "我的任务", href: "/" }, { label: "数据导出" }]} title="数据导出" />
      <Card>
        <p className="mb-4 text-sm text-slate-600">
          导出的工作簿包含「全省汇总」（各单位的管理员信息、所属报送单位、报送状态和时间），以及每个设区市（含定州、辛集、雄安新区）一个工作表。导出须填写导出原因，文件中标注导出人和导出时间，并记入操作日志。
        </p>
        {campaigns.length === 0 ? (
          <Empty title="暂无可导出的任务" description="任务发布后即可在这里导出。" />
        ) : (
          <table className="w-full border-collapse text-sm" data-testid="export-campaigns">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">任务</th>
                <th scope="col" className="w-56 px-3 py-2 font-medium">截止时间</th>
                <th scope="col" className="w-32 px-3 py-2 font-medium">已提交</th>
                <th scope="col" className="w-40 px-3 py-2 font-medium">操作</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <p className="text-slate-900">{c.title}</p>
                    <p className="text-xs text-slate-500">{c.docNumber}</p>
                  </td>
                  <td className="px-3 py-2">{formatDateTime(c.deadline)}</td>
                  <td className="px-3 py-2">
                    {c.submitted} / {c.submissions}
                  </td>
                  <td className="px-3 py-2">
                    <ExportButton href={`/exports/${c.id}`} rows={null} label="导出全省汇总" fileName={`${TABLE_TITLE}-全省汇总.xlsx`} testId="export-province" variant="primary" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
