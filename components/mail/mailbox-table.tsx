import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import { KIND_LABELS } from "@/lib/mailbox/labels";
import type { MailboxPage } from "@/lib/mailbox/queries";
import { formatDateTime } from "@/lib/time";
import { DeliveryTag } from "./delivery-tag";
import { ResendButton } from "./resend-button";

type Email = MailboxPage["emails"][number];

/** The outbox as a mailbox: newest first; failed rows say why and offer 「重新发送」 to whoever may. */
export function MailboxTable({ emails, canResend }: { emails: Email[]; canResend: boolean }) {
  const columns: Column<Email>[] = [
    { header: "时间", className: "whitespace-nowrap text-slate-500", cell: (email) => formatDateTime(email.sentAt ?? email.createdAt) },
    { header: "收件人", className: "break-all", cell: (email) => <span data-testid="mail-to">{email.toAddress}</span> },
    {
      header: "主题",
      cell: (email) => (
        <>
          <Link href={`/mail/${email.id}`} className="text-slate-900 hover:text-brand-600" data-testid="mail-subject">
            {email.subject}
          </Link>
          {email.status === "failed" && email.lastError && <p className="mt-1 text-xs text-red-600">{email.lastError}</p>}
          {email.status === "pending" && email.attempts > 0 && email.lastError && <p className="mt-1 text-xs text-orange-700">{email.lastError}</p>}
        </>
      ),
    },
    { header: "类型", className: "whitespace-nowrap text-slate-600", cell: (email) => KIND_LABELS[email.kind] ?? email.kind },
    { header: "状态", className: "whitespace-nowrap", cell: (email) => <DeliveryTag email={email} /> },
    {
      header: "操作",
      className: "whitespace-nowrap",
      cell: (email) => (
        <span className="flex gap-3">
          <Link href={`/mail/${email.id}`} className="text-brand-600 hover:underline">
            查看
          </Link>
          {canResend && email.status === "failed" && <ResendButton emailId={email.id} />}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      rows={emails}
      columns={columns}
      rowKey={(email) => email.id}
      rowProps={() => ({ "data-testid": "mail-row" })}
      empty={{ title: "没有邮件", description: "系统发出的通知、提醒和账号邮件会显示在这里。" }}
      minWidth="min-w-[720px]"
      testId="mailbox"
    />
  );
}
