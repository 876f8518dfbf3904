import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactRevealProvider, FillerPhone, RevealContactsButton } from "@/components/privacy/contact-reveal";
import { type AccountView, AccountList } from "@/components/review/account-list";
import { ChangeList } from "@/components/review/change-list";
import { ReviewWorkbench } from "@/components/review/review-workbench";
import { ScanViewer } from "@/components/review/scan-viewer";
import { toReviewRows } from "@/components/review/types";
import { TableControls, TablePager } from "@/components/roster/table-controls";
import { SubmissionStatusTag } from "@/components/submissions/status-tag";
import { Timeline } from "@/components/submissions/timeline";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getReviewForActor, type IssuedAccount } from "@/lib/review/queries";
import { PAGE_SIZE, readTableView } from "@/lib/roster/paging";
import { formatDateTime } from "@/lib/time";
import { may } from "@/lib/core/policy";

export const metadata: Metadata = { title: "审核报送" };

const MAIL_STATUS = { pending: "排队中", sent: "已发送", failed: "发送失败" } as const;

function lastEmailText(account: IssuedAccount): string | null {
  const mail = account.lastEmail;
  if (!mail) return null;
  return `${formatDateTime(mail.at)} ${MAIL_STATUS[mail.status]}${mail.error ? `：${mail.error}` : ""}`;
}

export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ submissionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("review.read");
  const submissionId = parseId((await params).submissionId);
  const query = await searchParams;
  const view = readTableView(query);
  // A resubmission shows the rows that changed; the whole table is one click away.
  const review = submissionId && (await getReviewForActor({ db: getDb(), actor, submissionId, view, all: query.all === "1" }));
  if (!review) notFound();
  const { submission, changes, lastReturn, table, onlyChanges, masked } = review;
  const rows = toReviewRows(review, table.rows);
  const path = `/review/${submission.id}`;
  const keep: Record<string, string> = onlyChanges ? {} : { all: "1" };
  // A short table needs no controls, unless a link brought it in narrowed.
  const long = table.total > PAGE_SIZE || Boolean(view.q || view.state);
  const accounts: AccountView[] = review.accounts.map((a) => ({ ...a, lastEmailText: lastEmailText(a) }));

  return (
    <ContactRevealProvider>
      <PageHeader
        crumbs={[{ label: "审核", href: `/review?campaign=${submission.campaignId}` }, { label: submission.docNumber }, { label: submission.unitName }]}
        title={`审核：${submission.unitName}`}
        extra={
          <Link href={`/submissions/${submission.id}/print`} className={buttonClass("default")} target="_blank">
            打印预览
          </Link>
        }
      />
      <div className="flex flex-col gap-4">
        <Card>
          <div className="flex flex-col gap-3 text-sm">
            <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
              <SubmissionStatusTag status={submission.status} late={submission.late} />
              <span>提交时间：{submission.submittedAt && formatDateTime(submission.submittedAt)}</span>
              <span>第 {review.round} 次提交</span>
              <span>
                填报人：{submission.fillerName}（<FillerPhone phone={submission.fillerPhone} />）
              </span>
              <span className={review.whole.flags > 0 ? "text-amber-700" : "text-slate-500"} data-testid="review-flags">
                自动提示 {review.whole.flags} 条
              </span>
            </div>
            {submission.reviewOpenedAt && submission.status === "submitted" && <p className="text-slate-500">已于 {formatDateTime(submission.reviewOpenedAt)} 开始审核，报送单位不能再撤回。</p>}
            {review.ownUnit && <Notice tone="warning">这是您本单位的报送，不能由您审核，请由其他审核员审核。</Notice>}
            {!may(actor.role, "review.decide") && <Notice tone="info">省级管理员可查看审核情况，通过或退回由省级审核员操作。</Notice>}
            {submission.status === "returned" && submission.returnReason && <Notice tone="warning">已退回：{submission.returnReason}。等待报送单位修改后重新提交。</Notice>}
            {lastReturn && submission.status === "submitted" && (
              <Notice tone="info" testId="last-return">
                这是退回后的重新提交。上次退回（{lastReturn.actorName ?? "审核员"}，{formatDateTime(lastReturn.at)}）：{lastReturn.reason}
              </Notice>
            )}
          </div>
        </Card>

        {changes && (
          <Card title="与上次提交相比的修改" extra={<span className="text-xs text-slate-500">共 {changes.length} 处</span>}>
            <ChangeList changes={changes} />
          </Card>
        )}

        <Card
          title="管理员信息"
          extra={
            <div className="flex flex-wrap items-center gap-3">
              {changes && (
                <Link href={onlyChanges ? `?all=1` : `?`} className="text-sm text-brand-600 hover:underline" data-testid="toggle-rows">
                  {onlyChanges ? `查看全部 ${review.whole.total} 行` : "只看有修改的行"}
                </Link>
              )}
              {masked && <RevealContactsButton submissionId={submission.id} />}
            </div>
          }
        >
          {long && <TableControls path={path} view={view} table={table} keep={keep} />}
          <ReviewWorkbench
            key={onlyChanges ? "changes" : "all"}
            submissionId={submission.id}
            version={submission.version}
            rows={rows}
            administrators={review.whole.filled}
            canOpen={review.canOpen}
            canDecide={review.canDecide}
            filtered={Boolean(view.q || view.state)}
          />
          {long && <TablePager path={path} view={view} table={table} keep={keep} />}
        </Card>

        {accounts.length > 0 && (
          <Card title="账号开通情况">
            <AccountList submissionId={submission.id} accounts={accounts} canResend={may(actor.role, "accounts.resend")} />
          </Card>
        )}

        <Card title="盖章扫描件">
          <ScanViewer submissionId={submission.id} scan={review.scan} />
        </Card>

        <Card title="操作记录">
          <Timeline submissionId={submission.id} first={review.events} />
        </Card>
      </div>
    </ContactRevealProvider>
  );
}
