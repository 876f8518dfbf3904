import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ImportDialog } from "@/components/xlsx/import-dialog";
import { requirePermission } from "@/lib/auth/current";
import { commitSchoolImport, previewSchoolImport } from "@/lib/registry/actions";
import { SCHOOL_HEADINGS } from "@/lib/registry/import";

export const metadata: Metadata = { title: "导入学校名单" };

export default async function ImportSchoolsPage() {
  await requirePermission("units.manage");
  return (
    <>
      <PageHeader crumbs={[{ label: "单位管理", href: "/admin/units" }, { label: "导入学校名单" }]} title="导入学校名单" />
      <Card>
        <div className="mb-4 flex flex-col gap-1 text-sm text-slate-600">
          <p>表格的表头须有：{SCHOOL_HEADINGS.map((h) => `「${h}」`).join("")}。每所学校一行。</p>
          <p>单位库中已有的学校（按学校标识码）会更新名称、所在县区和隶属单位；其余新增。「隶属单位」填写市或县（区）教育局的名称或代码；省属学校在「是否省属」填「是」，隶属单位可不填。</p>
          <p>先「预览」：系统逐行核对并列出结果，此时不写入任何内容。全部无误后「确认导入」，所有行一次写入；只要有一行有错误，就不会导入任何一行。</p>
        </div>
        <ImportDialog preview={previewSchoolImport} commit={commitSchoolImport} label="选择文件导入" title="导入学校名单" templateHref="/admin/units/import/template" />
      </Card>
    </>
  );
}
