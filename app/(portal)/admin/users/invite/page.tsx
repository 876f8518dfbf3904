import type { Metadata } from "next";
import { UserInviteForm } from "@/components/admin/user-invite-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { getAccountUnitChoices } from "@/lib/users/queries";

export const metadata: Metadata = { title: "邀请用户" };

export default async function InviteUserPage() {
  const actor = await requirePermission("users.manage");
  const units = await getAccountUnitChoices({ db: getDb(), actor });
  return (
    <>
      <PageHeader crumbs={[{ label: "用户管理", href: "/admin/users" }, { label: "邀请用户" }]} title="邀请用户" />
      <Card>
        <p className="mb-4 text-sm text-slate-600">系统向被邀请人的邮箱发送激活链接（72 小时内有效，仅可使用一次），由本人设置登录密码。管理员看不到、也不能设置任何人的密码。</p>
        <UserInviteForm units={units} />
      </Card>
    </>
  );
}
