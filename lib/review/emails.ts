// The filler hears of the province's decision on its table: 「退回」 with the reasons, or 「通过」 with the accounts
// it issues. To the reporting unit's active users, queued in the decision's transaction; never a password.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow } from "@/db/rows";
import type { CampaignContact } from "@/db/schema";
import type { IssuanceSummary } from "@/lib/accounts/issuance";
import { contactLine } from "@/lib/campaigns/schemas";
import type { Actor } from "@/lib/core/actor";
import { env } from "@/lib/env";
import { enqueueEmails } from "@/lib/mail/outbox";
import { getUsersOfUnit, recipientFields } from "@/lib/mail/recipients";
import { renderEmail } from "@/lib/mail/render";
import type { LockedSubmission } from "@/lib/submissions/lock";
import { formatDateTime } from "@/lib/time";

type Decision = { submission: LockedSubmission; actor: Actor; now: Date };

/** Words about the table, as every paragraph of the email needs them. */
type About = { unitName: string; title: string; docNumber: string };

async function notifyFillers(tx: Tx, { submission, now }: Decision, kind: string, content: (about: About) => { subject: string; paragraphs: string[] }): Promise<void> {
  // The locked submission's campaign and unit are there.
  const about = (await queryRow(
    tx,
    { unitName: col.text, title: col.text, docNumber: col.text, contacts: col.json<CampaignContact[]>() },
    sql`select u.name as "unitName", c.title, c.doc_number as "docNumber", c.contacts from campaigns c, units u where c.id = ${submission.campaignId} and u.id = ${submission.unitId}`,
  ))!;
  const recipients = await getUsersOfUnit({ db: tx, unitId: submission.unitId });
  const { subject, paragraphs } = content(about);
  await enqueueEmails(
    tx,
    recipients.map((to) => ({
      ...renderEmail({
        subject,
        greeting: `${to.name}同志：`,
        paragraphs,
        action: { label: "查看报送表", url: new URL(`/submissions/${submission.id}`, env().APP_URL).toString() },
        footer: about.contacts.map(contactLine),
      }),
      ...recipientFields(submission.campaignId, to),
      kind,
      at: now,
    })),
  );
}

const decidedBy = ({ actor, now }: Decision) => `由 ${actor.unitName} ${actor.name} 于 ${formatDateTime(now)}`;

/** 「退回」: why, which rows, whether a new stamped scan is needed, and by when to submit again. */
export function notifyReturned(tx: Tx, decision: Decision, { reason, rowReasons, requireNewScan }: { reason: string; rowReasons: { unitName: string; reason: string }[]; requireNewScan: boolean }) {
  return notifyFillers(tx, decision, "submission_returned", ({ unitName, title, docNumber }) => ({
    subject: `【报送退回】${title}：请修改后重新提交`,
    paragraphs: [
      `${unitName}报送的《${title}》（${docNumber}）已${decidedBy(decision)} 退回。`,
      `退回原因：${reason}`,
      ...(rowReasons.length > 0 ? [`需修改的行：${rowReasons.map((r) => `「${r.unitName}」${r.reason}`).join("；")}。`] : []),
      requireNewScan
        ? "审核员要求重新上传盖章扫描件：请修改后重新打印报送表，加盖公章并上传扫描件，再重新提交。"
        : "请按退回原因修改后重新提交。表格有修改的，须重新打印盖章并上传扫描件。",
      `任务截止时间：${formatDateTime(decision.submission.deadline)}（北京时间）。`,
    ],
  }));
}

/** 「通过」: approved, and what became of the administrators' accounts. */
export function notifyApproved(tx: Tx, decision: Decision, accounts: IssuanceSummary) {
  const lines = [
    accounts.issued > 0 ? `表中 ${accounts.issued} 个单位的管理员账号正在开通，尚未激活的管理员将收到激活邮件，请提醒其及时激活。` : "",
    accounts.kept > 0 ? `${accounts.kept} 个单位的管理员与上次报送相同，继续使用原账号。` : "",
    accounts.replaced > 0 ? `${accounts.replaced} 个单位更换了管理员，原管理员的账号已停用。` : "",
  ].filter(Boolean);
  return notifyFillers(tx, decision, "submission_approved", ({ unitName, title, docNumber }) => ({
    subject: `【报送通过】${title}`,
    paragraphs: [`${unitName}报送的《${title}》（${docNumber}）已${decidedBy(decision)} 审核通过。`, ...lines, "可登录平台查看报送表和各单位账号的开通情况。"],
  }));
}
