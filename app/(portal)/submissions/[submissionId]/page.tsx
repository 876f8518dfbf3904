import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HandInBar } from "@/components/delegation/hand-in-bar";
import { InternalDeadline } from "@/components/delegation/internal-deadline";
import { ConfirmAllSubmitted } from "@/components/delegation/row-decisions";
import { DelegationPanel } from "@/components/delegation/delegation-panel";
import { SchoolDelegationPanel } from "@/components/delegation/school-panel";
import { ContactRevealProvider, RevealContactsButton } from "@/components/privacy/contact-reveal";
import { HeaderForm } from "@/components/roster/header-form";
import { FilledCount, RosterLiveProvider, SavedEvents } from "@/components/roster/live";
import { RosterTable } from "@/components/roster/roster-table";
import { ScanStateNotice, ScanUpload } from "@/components/roster/scan-upload";
import { SubmitBar } from "@/components/roster/submit-bar";
import { SubmissionVersionProvider } from "@/components/roster/submission-version";
import { TableControls, TablePager } from "@/components/roster/table-controls";
import { toRowView } from "@/components/roster/types";
import { SubmissionDeadline } from "@/components/submissions/deadline";
import { SubmissionStatusTag } from "@/components/submissions/status-tag";
import { SubmissionSteps } from "@/components/submissions/steps";
import { Timeline } from "@/components/submissions/timeline";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ExcelActions } from "@/components/xlsx/excel-actions";
import { getDb } from "@/db";
import { requireActor } from "@/lib/auth/current";
import { may } from "@/lib/core/policy";
import { handInLabel, mayEditRow } from "@/lib/delegation/rules";
import { getDelegateRowsBySubmission, getHandedToCityBySubmission } from "@/lib/delegation/table-queries";
import { delegationOnTable } from "@/lib/delegation/table-view";
import { CONTACTS_HEADINGS } from "@/lib/delegation/contacts";
import { getDelegationPanelBySubmission } from "@/lib/delegation/queries";
import { env } from "@/lib/env";
import { parseId } from "@/lib/ids";
import { privacyNoticeSections } from "@/lib/privacy/notice";
import { delegatedCount, PAGE_SIZE, readTableView } from "@/lib/roster/paging";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { getOutcomeBySubmission } from "@/lib/submissions/queries";
import { asSentence } from "@/lib/text";
import { formatDateTime } from "@/lib/time";
import { CLOSED_MESSAGE, isEditable, isFillerOf, transitionBlocker } from "@/lib/submissions/workflow";

export const metadata: Metadata = { title: "单位系统管理员实名信息表" };

export default async function SubmissionPage({
  params,
  searchParams,
}: {
  params: Promise<{ submissionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const submissionId = parseId((await params).submissionId);
  const view = readTableView(await searchParams);
  const db = getDb();
  const workspace = submissionId && (await getWorkspaceForActor({ db, actor, submissionId, view }));
  if (!workspace) notFound();
  const { submission, table, masked, scan, events, canEdit, seesWholeTable, readiness, delegation, scope } = workspace;
  const filler = isFillerOf(actor, submission);
  // 分派填报 is the city filler's: its counties and schools fill rows of its table.
  const [outcome, delegationPanel, delegateRows, handedToCity] = await Promise.all([
    getOutcomeBySubmission({ db, submissionId: submission.id }),
    filler && may(actor.role, "delegation.manage") ? getDelegationPanelBySubmission({ db, submission }) : null,
    scope.delegatedTo === undefined ? [] : getDelegateRowsBySubmission({ db, scope: { ...scope, delegatedTo: scope.delegatedTo } }),
    canEdit ? getHandedToCityBySubmission({ db, submission }) : [],
  ]);
  const now = new Date();
  const path = `/submissions/${submission.id}`;
  const { ownRows, open, collectedRows, collecting, freeSchools, pendingSchools, accepted, waiting, returned, progress, toCounty, deciderName, delegateWrites, editor, decides, handedIn } =
    delegationOnTable(actor, workspace, { delegateRows, handedToCity });
  const delegated = delegatedCount(table.counts) > 0;
  // A short table needs no controls, unless a link brought it in narrowed or its rows are delegated (to find what to confirm).
  const long = table.total > PAGE_SIZE || Boolean(view.q || view.state) || delegated;

  return (
    <SubmissionVersionProvider version={submission.version}>
      <RosterLiveProvider rendered={`${events.events[0]?.id ?? 0}-${table.counts.filled}`}>
        <ContactRevealProvider>
        <PageHeader
          crumbs={[{ label: "我的任务", href: "/" }, { label: submission.docNumber, href: `/campaigns/${submission.campaignId}` }, { label: submission.unitName }]}
          title="单位系统管理员实名信息表"
          extra={
            <Link href={`/submissions/${submission.id}/print`} className={buttonClass("default")} target="_blank" data-testid="print-link">
              打印预览
            </Link>
          }
        />
        <div className="flex flex-col gap-4">
          <Card>
            <div className="flex flex-col gap-4">
              <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
                <div className="flex flex-wrap items-center gap-3">
                  <SubmissionStatusTag status={submission.status} late={submission.late} />
                  {delegation ? (
                    <InternalDeadline deadline={delegation.deadline} now={now} open={delegateWrites} cityName={deciderName} />
                  ) : (
                    <SubmissionDeadline deadline={submission.deadline} now={now} status={submission.status} approvedAt={outcome.approvedAt} campaignStatus={submission.campaignStatus} />
                  )}
                </div>
                <FilledCount filled={table.counts.filled} total={table.total} />
              </div>
              {delegation && (
                <Notice tone="info" testId="delegate-notice">
                  本表由{delegation.cityName}汇总。{deciderName}分派您填写以下 {ownRows} 个单位的管理员信息，请于 {formatDateTime(delegation.deadline)} 前填写并{handInLabel(toCounty ? "county" : "city")}。
                  {collectedRows > 0 && `其中 ${collectedRows} 所学校由学校自行填写，提交给县级后请逐行确认。`}
                </Notice>
              )}
              {!delegation && <SubmissionSteps status={submission.status} hasScan={readiness.scan === "current"} accountsIssued={outcome.accountsIssued} />}
              {submission.status === "submitted" && (
                <Notice tone="info" testId="frozen-notice">
                  已于 {submission.submittedAt && formatDateTime(submission.submittedAt)} 提交{submission.late && "（逾期）"}，表格已锁定，等待省教育厅审核。
                </Notice>
              )}
              {submission.status === "returned" && submission.returnReason && (
                <Notice tone="warning">退回原因：{asSentence(submission.returnReason)}请按原因修改后重新提交。</Notice>
              )}
              {submission.campaignStatus === "closed" && <Notice tone="warning">{CLOSED_MESSAGE}</Notice>}
              {!filler && !delegation && <Notice tone="info">您可以查看本表，填写和提交由报送单位（{submission.unitName}）的填报员完成。</Notice>}
              {!delegation && (
                <HeaderForm
                  submissionId={submission.id}
                  unitName={submission.unitName}
                  fillerName={submission.fillerName}
                  fillerPhone={submission.fillerPhone}
                  canEdit={canEdit}
                />
              )}
            </div>
          </Card>

          {delegationPanel && (
            <Card title="分派填报">
              <DelegationPanel
                submissionId={submission.id}
                campaignId={submission.campaignId}
                campaignDeadline={submission.deadline}
                panel={delegationPanel}
                editable={canEdit}
                contactsHeadings={CONTACTS_HEADINGS}
                privacyNotice={privacyNoticeSections(env().PERSONAL_DATA_RETENTION_DAYS)}
              />
            </Card>
          )}

          {collecting && delegation && (freeSchools.length > 0 || collectedRows > 0) && (
            <Card title="分派给学校">
              <SchoolDelegationPanel
                submissionId={submission.id}
                countyDeadline={delegation.deadline}
                schoolsDeadline={delegation.schoolsDeadline}
                freeSchools={freeSchools}
                handedOn={collectedRows}
              />
            </Card>
          )}

          <Card
            title="管理员信息"
            extra={
              <div className="flex flex-wrap items-center gap-3">
                <span className="text-xs text-slate-500">各单位系统管理员仅限一名</span>
                {masked && <RevealContactsButton submissionId={submission.id} />}
                <ExcelActions submissionId={submission.id} canImport={canEdit || delegateWrites} exportRows={table.counts.filled} privacyNotice={privacyNoticeSections(env().PERSONAL_DATA_RETENTION_DAYS)} />
              </div>
            }
          >
            {handedIn.length > 0 && (
              <div className="mb-3 flex justify-end">
                <ConfirmAllSubmitted submissionId={submission.id} unitIds={handedIn} decider={decides ?? "city"} />
              </div>
            )}
            {long && <TableControls path={path} view={view} table={table} />}
            {table.rows.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500" data-testid="table-none">
                没有符合条件的单位。
              </p>
            ) : (
              <RosterTable
                submissionId={submission.id}
                rows={table.rows.map((row) => toRowView(row, mayEditRow(editor, row)))}
                showDelegation={delegated}
                decides={decides}
              />
            )}
            {long && <TablePager path={path} view={view} table={table} />}
          </Card>

          {seesWholeTable && (
            <Card title="盖章扫描件">
              <div className="flex flex-col gap-3 text-sm">
                <p className="text-slate-600">
                  请先「打印预览」并打印本表，加盖单位公章后扫描或拍照上传。
                </p>
                {scan ? (
                  <p data-testid="scan-info">
                    已上传：
                    <a href={`/submissions/${submission.id}/scan`} target="_blank" className="text-brand-600 hover:underline">
                      {scan.fileName}
                    </a>
                    （{(scan.size / 1024).toFixed(0)} KB，{formatDateTime(scan.uploadedAt)}）
                  </p>
                ) : (
                  <p className="text-slate-500">尚未上传。</p>
                )}
                {canEdit && <ScanStateNotice scan={readiness.scan} />}
                {canEdit && <ScanUpload submissionId={submission.id} />}
              </div>
            </Card>
          )}

          {delegation && (
            <Card>
              <HandInBar
                delegationId={delegation.id}
                version={delegation.version}
                cityName={deciderName}
                toCounty={toCounty}
                progress={progress}
                open={open}
                pendingSchools={pendingSchools}
                accepted={accepted}
                waiting={waiting}
                returned={returned}
                editable={isEditable(submission)}
              />
            </Card>
          )}

          {filler && (
            <Card>
              <SubmitBar
                submissionId={submission.id}
                readiness={readiness}
                canSubmit={transitionBlocker("submit", submission) === null}
                canWithdraw={transitionBlocker("withdraw", submission) === null}
                overdue={now > submission.deadline}
              />
            </Card>
          )}

          <Card title="操作记录">
            <Timeline submissionId={submission.id} first={events} lead={(canEdit || delegateWrites) && <SavedEvents />} />
          </Card>
        </div>
        </ContactRevealProvider>
      </RosterLiveProvider>
    </SubmissionVersionProvider>
  );
}
