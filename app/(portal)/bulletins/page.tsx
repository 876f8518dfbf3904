import type { Metadata } from "next";
import { BulletinList } from "@/components/bulletins/bulletin-list";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { getBulletinsForAdmin, getPublishedBulletins } from "@/lib/bulletins/queries";
import { may } from "@/lib/core/policy";

export const metadata: Metadata = { title: "通报" };

export default async function BulletinsPage() {
  const actor = await requireActor();
  const db = getDb();
  const admin = may(actor.role, "bulletins.manage");
  const bulletins = admin ? await getBulletinsForAdmin({ db, actor }) : await getPublishedBulletins({ db, actor });
  return (
    <>
      <PageHeader title="通报" />
      <Card>
        {bulletins.length === 0 ? (
          <Empty title="暂无通报" description={admin ? "在「任务管理」中打开已发布的任务，可以生成通报。" : "省教育厅发布通报后，将在此处显示。"} />
        ) : (
          <BulletinList bulletins={bulletins} />
        )}
      </Card>
    </>
  );
}
