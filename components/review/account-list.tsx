"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useRevealed } from "@/components/privacy/contact-reveal";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { Tag, type TagTone } from "@/components/ui/tag";
import { useAction } from "@/components/ui/use-action";
import { resendActivation } from "@/lib/accounts/actions";
import type { AccountState } from "@/lib/review/queries";

export type AccountView = { unitId: number; userId: number; unitName: string; name: string; email: string; state: AccountState; lastEmailText: string | null };

const STATES: Record<AccountState, { label: string; tone: TagTone }> = {
  invited: { label: "已邀请，待激活", tone: "blue" },
  activated: { label: "已激活", tone: "green" },
  email_failed: { label: "邮件发送失败", tone: "red" },
  disabled: { label: "已停用", tone: "grey" },
};

/** Where each issued account stands, with 「重新发送激活邮件」 for those not yet activated. */
export function AccountList({ submissionId, accounts, canResend }: { submissionId: number; accounts: AccountView[]; canResend: boolean }) {
  const router = useRouter();
  const { run, pending } = useAction(resendActivation);
  const revealed = new Map(useRevealed()?.accounts.map((a) => [a.userId, a.email]));
  const resend = async (account: AccountView) => {
    if ((await run({ submissionId, unitId: account.unitId })).ok) {
      toast.success(`已重新发送激活邮件：${account.email}（原链接已失效）`);
      router.refresh();
    }
  };
  const columns: Column<AccountView>[] = [
    { header: "单位名称", cell: (a) => a.unitName },
    { header: "姓名", className: "w-24", cell: (a) => a.name },
    { header: "登录账号", className: "break-all", cell: (a) => a.email },
    {
      header: "状态",
      className: "w-32",
      cell: (a) => (
        <Tag tone={STATES[a.state].tone} testId="account-state">
          {STATES[a.state].label}
        </Tag>
      ),
    },
    { header: "激活邮件", className: "text-xs text-slate-600", cell: (a) => a.lastEmailText ?? "—" },
    {
      header: "操作",
      className: "w-36",
      cell: (a) =>
        canResend &&
        (a.state === "invited" || a.state === "email_failed") && (
          <Button variant="link" disabled={pending} onClick={() => resend(a)} data-testid="account-resend" aria-label={`重新发送激活邮件：${a.email}`}>
            重新发送激活邮件
          </Button>
        ),
    },
  ];
  return (
    <DataTable
      rows={accounts.map(({ email, ...account }) => ({ ...account, email: revealed.get(account.userId) ?? email }))}
      columns={columns}
      rowKey={(a) => a.unitId}
      rowProps={(a) => ({ "data-testid": "account-row", "data-unit": a.unitName })}
      empty={{ title: "尚未开通账号" }}
      minWidth="min-w-[760px]"
      testId="account-list"
    />
  );
}
