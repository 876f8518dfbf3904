"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { UrgeButton } from "@/components/dashboard/urge-button";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type Column, DataTable } from "@/components/ui/data-table";
import { Tag, type TagTone } from "@/components/ui/tag";
import { useAction } from "@/components/ui/use-action";
import { resendDelegateActivation, takeBackRows } from "@/lib/delegation/actions";
import type { DelegateAccountState, DelegateSummary } from "@/lib/delegation/queries";
import { formatDateTime } from "@/lib/time";
import { InviteDialog } from "./invite-dialog";

const ACCOUNT: Record<DelegateAccountState, { label: string; tone: TagTone }> = {
  none: { label: "未开通", tone: "grey" },
  invited: { label: "待激活", tone: "blue" },
  activated: { label: "已激活", tone: "green" },
  email_failed: { label: "邮件发送失败", tone: "red" },
};

function stateOf(d: DelegateSummary): { label: string; tone: TagTone } {
  if (d.returned > 0) return { label: "有退回", tone: "orange" };
  if (d.handedIn === d.rows) return d.confirmed === d.rows ? { label: "已确认", tone: "green" } : { label: "已提交给市级", tone: "blue" };
  return { label: "填写中", tone: "grey" };
}

function Actions({ submissionId, campaignId, delegate: d }: { submissionId: number; campaignId: number; delegate: DelegateSummary }) {
  const router = useRouter();
  const resend = useAction(resendDelegateActivation);
  const takeBack = useAction(takeBackRows);
  const after = (message: string) => {
    toast.success(message);
    router.refresh();
  };
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {d.account.state === "none" && <InviteDialog submissionId={submissionId} unitId={d.unitId} unitName={d.unitName} />}
      {(d.account.state === "invited" || d.account.state === "email_failed") && (
        <Button
          variant="link"
          disabled={resend.pending}
          data-testid="delegate-resend"
          aria-label={`重新发送激活邮件：${d.unitName}`}
          onClick={async () => (await resend.run({ submissionId, unitId: d.unitId })).ok && after(`已重新发送激活邮件（原链接已失效）：${d.unitName}`)}
        >
          重新发送激活邮件
        </Button>
      )}
      {d.handedIn < d.rows && <UrgeButton campaignId={campaignId} unitId={d.unitId} unitName={d.unitName} label="催填" />}
      {d.takeBack.length > 0 && (
        <ConfirmDialog
          trigger={
            <Button variant="link" disabled={takeBack.pending} data-testid="delegate-take-back" aria-label={`收回${d.unitName}的分派`}>
              收回
            </Button>
          }
          title={`收回「${d.unitName}」的分派`}
          description={`该单位尚未确认的 ${d.takeBack.length} 行将收回，由市级自行填写；已填写的内容保留。已确认的行不收回。`}
          confirmLabel="收回"
          confirmVariant="danger"
          onConfirm={async () => {
            const result = await takeBack.run({ submissionId, unitIds: d.takeBack });
            if (result.ok) after(`已收回「${d.unitName}」的 ${result.data.takenBack} 行`);
          }}
        />
      )}
    </div>
  );
}

/** The delegates of the city's table: how far each is, by when, its account, and what the city may do. */
export function DelegateList({ submissionId, campaignId, delegates, editable }: { submissionId: number; campaignId: number; delegates: DelegateSummary[]; editable: boolean }) {
  const columns: Column<DelegateSummary>[] = [
    { header: "单位", cell: (d) => d.unitName },
    {
      header: "已填 / 已提交",
      className: "w-32 whitespace-nowrap",
      cell: (d) => (
        <span data-testid="delegate-figures">
          {d.filled} / {d.handedIn}（共 {d.rows} 行）
        </span>
      ),
    },
    {
      header: "状态",
      className: "w-40",
      cell: (d) => {
        const state = stateOf(d);
        return (
          <div className="flex flex-col gap-1">
            <Tag tone={state.tone} testId="delegate-state">
              {state.label}
            </Tag>
            {d.submittedAt && (
              <span className="text-xs text-slate-500">
                {formatDateTime(d.submittedAt)} {d.submittedByName ?? ""}提交
              </span>
            )}
          </div>
        );
      },
    },
    { header: "下级截止时间", className: "w-44 whitespace-nowrap", cell: (d) => formatDateTime(d.deadline) },
    {
      header: "填报账号",
      className: "w-40",
      cell: (d) => (
        <div className="flex flex-col gap-1">
          <Tag tone={ACCOUNT[d.account.state].tone} testId="delegate-account">
            {ACCOUNT[d.account.state].label}
          </Tag>
          {d.account.name && (
            <span className="text-xs text-slate-500">
              {d.account.name} {d.account.email}
            </span>
          )}
        </div>
      ),
    },
    ...(editable ? [{ header: "操作", className: "w-56", cell: (d: DelegateSummary) => <Actions submissionId={submissionId} campaignId={campaignId} delegate={d} /> }] : []),
  ];
  return (
    <DataTable
      rows={delegates}
      columns={columns}
      rowKey={(d) => d.unitId}
      rowProps={(d) => ({ "data-testid": "delegate-row", "data-unit": d.unitName, "data-account": d.account.state })}
      empty={{ title: "尚未分派", description: "在上方选择县（区）或学校，设置下级截止时间后「分派」。" }}
      minWidth="min-w-[880px]"
      testId="delegate-list"
    />
  );
}
