import type { Metadata } from "next";
import Link from "next/link";
import { CampaignTable } from "@/components/campaigns/campaign-table";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { getCampaignsForAdmin } from "@/lib/campaigns/queries";

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
        <CampaignTable campaigns={campaigns} />
      </Card>
    </>
  );
}
