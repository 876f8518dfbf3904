import type { Metadata } from "next";
import { TaskList } from "@/components/campaigns/task-list";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { getTasksByActor } from "@/lib/campaigns/queries";

export const metadata: Metadata = { title: "我的任务" };

export default async function HomePage() {
  const actor = await requireActor();
  const tasks = await getTasksByActor({ db: getDb(), actor });
  return (
    <>
      <PageHeader title="我的任务" />
      <Card>
        <TaskList tasks={tasks} now={new Date()} />
      </Card>
    </>
  );
}
