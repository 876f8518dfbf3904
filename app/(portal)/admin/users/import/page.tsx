import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ImportDialog } from "@/components/xlsx/import-dialog";
import { requirePermission } from "@/lib/auth/current";
import { bulkInvite, previewBulkInvite } from "@/lib/users/actions";
import { INVITE_HEADINGS } from "@/lib/users/import";
import { env } from "@/lib/env";
import { privacyNoticeSections } from "@/lib/privacy/notice";

export const metadata: Metadata = { title: "批量邀请用户" };

export default async function ImportUsersPage() {
  await requirePermission("users.manage");
  return (
    <>
      <PageHeader crumbs={[{ label: "用户管理", href: "/admin/users" }, { label: "批量邀请" }]} title="批量邀请用户" />
      <Card>
        <div className="mb-4 flex flex-col gap-1 text-sm text-slate-600">
          <p>表格的表头须有：{INVITE_HEADINGS.map((h) => `「${h}」`).join("")}。每人一行。「所在单位」填写单位库中的单位名称或单位代码；「角色」填写角色名称，如「市级填报员」，市、县、学校的账号可不填，按单位类型确定。</p>
          <p>先「预览」：系统逐行核对，此时不开设任何账号。全部无误后「确认导入」，所有账号一次开设并各自收到激活邮件；只要有一行有错误，就不会开设任何账号。</p>
        </div>
        <ImportDialog
          preview={previewBulkInvite}
          commit={bulkInvite}
          label="选择文件导入"
          title="批量邀请用户"
          templateHref="/admin/users/import/template"
          privacyNotice={privacyNoticeSections(env().PERSONAL_DATA_RETENTION_DAYS)}
        />
      </Card>
    </>
  );
}
