import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MailboxTable } from "@/components/mail/mailbox-table";
import { StatusFilter } from "@/components/mail/status-filter";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { inRequest, requireActor } from "@/lib/auth/current";
import { may } from "@/lib/core/policy";
import { parseId } from "@/lib/ids";
import { resendCommand } from "@/lib/mailbox/commands";
import { getMailboxByActor, MAILBOX_PAGE_SIZE, type MailStatus } from "@/lib/mailbox/queries";

export const metadata: Metadata = { title: "邮件" };

const STATUSES: MailStatus[] = ["pending", "sent", "failed"];

export default async function MailPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const status = STATUSES.find((s) => s === query.status) ?? null;
  const page = parseId(query.page ?? "1") ?? 1;
  const mailbox = await inRequest((ip) => getMailboxByActor({ db: getDb(), actor, status, page, ip, now: new Date() }));
  if (!mailbox) notFound();
  const pages = Math.max(1, Math.ceil(mailbox.total / MAILBOX_PAGE_SIZE));
  const pageHref = (n: number) => `/mail?${new URLSearchParams({ ...(status ? { status } : {}), page: String(n) })}`;
  return (
    <>
      <PageHeader title="邮件" extra={<StatusFilter current={status} counts={mailbox.counts} />} />
      <Card>
        <p className="mb-3 text-sm text-slate-500">
          {mailbox.access === "all"
            ? "系统发出的全部邮件及其投递状态。使用本地邮箱投递时，邮件保存在这里。"
            : "演示环境：这里显示发给您本人的邮件。"}
        </p>
        <MailboxTable emails={mailbox.emails} canResend={may(actor.role, resendCommand.permission)} />
        {pages > 1 && (
          <nav aria-label="翻页" className="mt-4 flex items-center justify-end gap-3 text-sm text-slate-600">
            {page > 1 && (
              <Link href={pageHref(page - 1)} className={buttonClass()}>
                上一页
              </Link>
            )}
            <span>
              第 {page} / {pages} 页
            </span>
            {page < pages && (
              <Link href={pageHref(page + 1)} className={buttonClass()}>
                下一页
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
