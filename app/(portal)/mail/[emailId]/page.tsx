import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryTag } from "@/components/mail/delivery-tag";
import { MessageText } from "@/components/mail/message-text";
import { ResendButton } from "@/components/mail/resend-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { inRequest, requireActor } from "@/lib/auth/current";
import { may } from "@/lib/core/policy";
import { parseId } from "@/lib/ids";
import { resendCommand } from "@/lib/mailbox/commands";
import { KIND_LABELS } from "@/lib/mailbox/labels";
import { getEmailByIdForActor } from "@/lib/mailbox/queries";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "邮件" };

export default async function EmailPage({ params }: { params: Promise<{ emailId: string }> }) {
  const actor = await requireActor();
  const emailId = parseId((await params).emailId);
  const email = emailId && (await inRequest((ip) => getEmailByIdForActor({ db: getDb(), actor, emailId, ip, now: new Date() })));
  if (!email) notFound();
  const facts: [string, React.ReactNode][] = [
    ["收件人", email.toAddress],
    ["类型", KIND_LABELS[email.kind] ?? email.kind],
    ["状态", <DeliveryTag key="status" email={email} />],
    ["加入队列", formatDateTime(email.createdAt)],
    ["发出时间", email.sentAt ? `${formatDateTime(email.sentAt)}${email.providerId === "local" ? "（本地邮箱）" : ""}` : "—"],
    ["尝试次数", String(email.attempts)],
  ];
  return (
    <>
      <PageHeader crumbs={[{ label: "邮件", href: "/mail" }, { label: email.subject }]} title={email.subject} />
      <div className="flex flex-col gap-4">
        <Card>
          <dl className="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd className="break-all text-slate-800">{value}</dd>
              </div>
            ))}
            {email.lastError && (
              <div className="contents">
                <dt className="text-slate-500">说明</dt>
                <dd className="text-red-600">{email.lastError}</dd>
              </div>
            )}
          </dl>
          {email.status === "failed" && may(actor.role, resendCommand.permission) && (
            <div className="mt-4">
              <ResendButton emailId={email.id} />
            </div>
          )}
        </Card>
        <Card title="正文">
          <MessageText text={email.text} />
        </Card>
        <Card title="HTML 版本">
          {/* Rendered as the recipient's mail client would, sandboxed: no scripts, no navigation of this page. */}
          <iframe title="邮件 HTML 版本" sandbox="" srcDoc={email.html} className="h-96 w-full rounded border border-slate-200 bg-white" />
        </Card>
      </div>
    </>
  );
}
