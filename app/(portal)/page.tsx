import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AdministratorNextSteps } from "@/components/accounts/next-steps";
import { BulletinList } from "@/components/bulletins/bulletin-list";
import { TaskList } from "@/components/campaigns/task-list";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getIssuedAccountByActor } from "@/lib/accounts/queries";
import { requireActor } from "@/lib/auth/current";
import { getPublishedBulletins } from "@/lib/bulletins/queries";
import { getTasksByActor } from "@/lib/campaigns/queries";
import { toBeijing } from "@/lib/campaigns/schedule";
import { getNextPhaseByCampaigns } from "@/lib/training/plan/queries";

export const metadata: Metadata = { title: "我的任务" };

export default async function HomePage() {
  const actor = await requireActor();
  // Neither reads reporting data: each starts on its own page.
  if (actor.role === "auditor") redirect("/audit");
  if (actor.role === "security_admin") redirect("/admin/users");
  // The ministry viewer follows the provinces' completeness and fills nothing.
  if (actor.role === "ministry_viewer") redirect("/dashboard");
  const db = getDb();
  const [tasks, bulletins, account] = await Promise.all([getTasksByActor({ db, actor }), getPublishedBulletins({ db, actor }), getIssuedAccountByActor({ db, actor })]);
  const now = new Date();
  const trainingIds = tasks.filter((t) => t.kind === "training").map((t) => t.id);
  const nextPhases = Object.fromEntries(await getNextPhaseByCampaigns({ db, campaignIds: trainingIds, today: toBeijing(now).date }));
  return (
    <>
      <PageHeader title="我的任务" />
      {account && <AdministratorNextSteps actor={actor} account={account} tasks={tasks} />}
      {bulletins.length > 0 && (
        <Card title="通报" className="mb-4">
          <BulletinList bulletins={bulletins} />
        </Card>
      )}
      <Card>
        <TaskList tasks={tasks} now={now} nextPhases={nextPhases} />
      </Card>
    </>
  );
}
