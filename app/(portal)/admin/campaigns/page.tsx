import type { Metadata } from "next";
import Link from "next/link";
import { CampaignStatusTag } from "@/components/campaigns/campaign-status-tag";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { getCampaignsForAdmin } from "@/lib/campaigns/queries";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "任务管理" };

export default async function CampaignsAdminPage() {
  const actor = await requirePermission("campaigns.manage");
  const campaigns = await getCampaignsForAdmin({ db: getDb(), actor });
  return (
    <>
      <PageHeader
        title="任务管理"
        extra={
          <Link href="/admin/campaigns/new" className={buttonClass("primary")} data-testid="campaign-new">
            新建任务
          </Link>
        }
      />
      <Card>
        {campaigns.length === 0 ? (
          <Empty title="暂无任务" description="点击「新建任务」，填写通知、截止时间和报送单位。" />
        ) : (
          <table className="w-full text-sm" data-testid="campaign-table">
            <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2 font-normal">任务</th>
                <th className="px-3 py-2 font-normal">状态</th>
                <th className="px-3 py-2 font-normal">截止时间（北京时间）</th>
                <th className="px-3 py-2 text-right font-normal">报送单位</th>
                <th className="px-3 py-2 text-right font-normal">已报送</th>
                <th className="px-3 py-2 font-normal">操作</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {campaigns.map((c) => (
                <tr key={c.id} data-testid="campaign-row">
                  <td className="px-3 py-2">
                    <Link href={`/admin/campaigns/${c.id}`} className="text-slate-900 hover:text-brand-600">
                      {c.title}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {c.issuer} · {c.docNumber}
                    </p>
                  </td>
                  <td className="px-3 py-2">
                    <CampaignStatusTag status={c.status} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(c.deadline)}</td>
                  <td className="px-3 py-2 text-right">{c.units}</td>
                  <td className="px-3 py-2 text-right">{c.status === "draft" ? "—" : c.submitted}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={`/admin/campaigns/${c.id}`} className={buttonClass("link")}>
                      编辑
                    </Link>
                    <span className="mx-2 text-slate-300">|</span>
                    <Link href={`/admin/campaigns/${c.id}/settings`} className={buttonClass("link")}>
                      设置
                    </Link>
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
