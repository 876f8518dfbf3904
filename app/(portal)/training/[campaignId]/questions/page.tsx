import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AskForm } from "@/components/training/questions/ask-form";
import { FaqList } from "@/components/training/questions/faq-list";
import { QuestionList } from "@/components/training/questions/question-list";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getQuestionsPage } from "@/lib/training/questions/queries";

export const metadata: Metadata = { title: "问题收集反馈" };

/** 问题收集反馈 of a training task: the 常见问题, 提出问题, and the questions the actor may see. */
export default async function QuestionsPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requireActor();
  const campaignId = parseId((await params).campaignId);
  const page = campaignId && (await getQuestionsPage({ db: getDb(), actor, campaignId }));
  if (!page) notFound();
  const { campaign, faq, questions, asksOn } = page;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader crumbs={[{ label: campaign.title, href: `/training/${campaign.id}` }, { label: "问题收集反馈" }]} title="问题收集反馈" />
      <Card title="常见问题">
        <FaqList entries={faq} />
      </Card>
      {asksOn !== null && (
        <Card title="提出问题">
          <AskForm submissionId={asksOn} />
        </Card>
      )}
      {campaign.closed && <Notice tone="info">本培训任务已结束，不能再提出问题。</Notice>}
      <Card title="问题列表">
        <QuestionList campaignId={campaign.id} questions={questions} />
      </Card>
    </div>
  );
}
