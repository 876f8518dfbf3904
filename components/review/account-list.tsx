"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useRevealed } from "@/components/privacy/contact-reveal";
import { Button } from "@/components/ui/button";
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
  return (
    <div className="overflow-auto rounded border border-slate-200">
      <table className="w-full min-w-[760px] border-collapse text-sm" data-testid="account-list">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">单位名称</th>
            <th scope="col" className="w-24 px-3 py-2 font-medium">姓名</th>
            <th scope="col" className="px-3 py-2 font-medium">登录账号</th>
            <th scope="col" className="w-32 px-3 py-2 font-medium">状态</th>
            <th scope="col" className="px-3 py-2 font-medium">激活邮件</th>
            <th scope="col" className="w-36 px-3 py-2 font-medium">操作</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map(({ email, ...account }) => ({ ...account, email: revealed.get(account.userId) ?? email })).map((a) => (
            <tr key={a.unitId} className="border-t border-slate-100 align-top" data-testid="account-row" data-unit={a.unitName}>
              <td className="px-3 py-2">{a.unitName}</td>
              <td className="px-3 py-2">{a.name}</td>
              <td className="px-3 py-2 break-all">{a.email}</td>
              <td className="px-3 py-2">
                <Tag tone={STATES[a.state].tone} testId="account-state">
                  {STATES[a.state].label}
                </Tag>
              </td>
              <td className="px-3 py-2 text-xs text-slate-600">{a.lastEmailText ?? "—"}</td>
              <td className="px-3 py-2">
                {canResend && (a.state === "invited" || a.state === "email_failed") && (
                  <Button variant="link" disabled={pending} onClick={() => resend(a)} data-testid="account-resend" aria-label={`重新发送激活邮件：${a.email}`}>
                    重新发送激活邮件
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
