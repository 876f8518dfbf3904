import Link from "next/link";
import { Empty } from "@/components/ui/empty";
import { KIND_LABELS } from "@/lib/mailbox/labels";
import type { MailboxPage } from "@/lib/mailbox/queries";
import { formatDateTime } from "@/lib/time";
import { DeliveryTag } from "./delivery-tag";
import { ResendButton } from "./resend-button";

/** The outbox as a mailbox: newest first; failed rows say why and offer 「重新发送」 to whoever may. */
export function MailboxTable({ emails, canResend }: { emails: MailboxPage["emails"]; canResend: boolean }) {
  if (emails.length === 0) return <Empty title="没有邮件" description="系统发出的通知、提醒和账号邮件会显示在这里。" />;
  return (
    <div className="max-h-[70vh] overflow-auto">
      <table className="w-full text-left text-sm" data-testid="mailbox">
        <thead className="sticky top-0 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">时间</th>
            <th scope="col" className="px-3 py-2 font-normal">收件人</th>
            <th scope="col" className="px-3 py-2 font-normal">主题</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">类型</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">状态</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">操作</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {emails.map((email) => (
            <tr key={email.id} className="align-top hover:bg-slate-50" data-testid="mail-row">
              <td className="px-3 py-2 whitespace-nowrap text-slate-500">{formatDateTime(email.sentAt ?? email.createdAt)}</td>
              <td className="px-3 py-2 break-all" data-testid="mail-to">
                {email.toAddress}
              </td>
              <td className="px-3 py-2">
                <Link href={`/mail/${email.id}`} className="text-slate-900 hover:text-brand-600" data-testid="mail-subject">
                  {email.subject}
                </Link>
                {email.status === "failed" && email.lastError && <p className="mt-1 text-xs text-red-600">{email.lastError}</p>}
                {email.status === "pending" && email.attempts > 0 && email.lastError && <p className="mt-1 text-xs text-orange-700">{email.lastError}</p>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">{KIND_LABELS[email.kind] ?? email.kind}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <DeliveryTag email={email} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <span className="flex gap-3">
                  <Link href={`/mail/${email.id}`} className="text-brand-600 hover:underline">
                    查看
                  </Link>
                  {canResend && email.status === "failed" && <ResendButton emailId={email.id} />}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
