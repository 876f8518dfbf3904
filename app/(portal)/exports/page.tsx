import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ExportCampaignTable } from "@/components/xlsx/export-campaign-table";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
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
        <ExportCampaignTable campaigns={campaigns} />
      </Card>
    </>
  );
}
