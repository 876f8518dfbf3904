// The wording of every email about a campaign's deadline: what, by when (Beijing time), a link, the
// notice's contacts. Only the recipient's own name; other people appear as their units, never by name or address.
import { col } from "@/db/rows";
import type { CampaignContact } from "@/db/schema";
import { contactLine } from "@/lib/campaigns/schemas";
import { env } from "@/lib/env";
import { type RenderedEmail, renderEmail } from "@/lib/mail/render";
import { describeRemaining, formatDateTime } from "@/lib/time";
import type { DueSlot } from "./schedule";

export type CampaignForEmail = { id: number; title: string; docNumber: string; deadline: Date; contacts: CampaignContact[] };

/** Columns of a query that reads a CampaignForEmail (select c.id, c.title, c.doc_number as "docNumber", c.deadline, c.contacts). */
export const CAMPAIGN_FOR_EMAIL = { id: col.int, title: col.text, docNumber: col.text, deadline: col.instant, contacts: col.json<CampaignContact[]>() };

export type Addressed = { campaign: CampaignForEmail; recipientName: string; unitName: string; submissionId: number | null };

/** The unit's table when it has one, else the campaign's notice. */
function taskLink(campaignId: number, submissionId: number | null): { label: string; url: string } {
  const path = submissionId ? `/submissions/${submissionId}` : `/campaigns/${campaignId}`;
  return { label: "进入填报", url: new URL(path, env().APP_URL).toString() };
}

function deadlineLine(deadline: Date, now: Date): string {
  return `截止时间：${formatDateTime(deadline)}（北京时间），${describeRemaining(deadline, now).text}。`;
}

function compose({ campaign, recipientName, submissionId }: Addressed, subject: string, paragraphs: string[]): RenderedEmail {
  return renderEmail({
    subject,
    greeting: `${recipientName}同志：`,
    paragraphs,
    action: taskLink(campaign.id, submissionId),
    footer: campaign.contacts.map(contactLine),
  });
}

/** A reminder slot: 「催报提醒」 before the deadline, 「逾期提醒」 after it. */
export function slotEmail(to: Addressed, slot: DueSlot, now: Date): RenderedEmail {
  const { campaign, unitName } = to;
  return slot.kind === "reminder"
    ? compose(to, `【催报提醒】${campaign.title}`, [
        `${unitName}尚未提交《${campaign.title}》（${campaign.docNumber}）要求报送的信息。`,
        deadlineLine(campaign.deadline, now),
        "请登录平台填写、核对并提交。已经提交的，请忽略本邮件。",
      ])
    : compose(to, `【逾期提醒】${campaign.title}`, [
        `《${campaign.title}》（${campaign.docNumber}）已于 ${formatDateTime(campaign.deadline)}（北京时间）截止，${unitName}尚未提交。`,
        "请尽快登录平台完成填报并提交，逾期提交的将标注为“逾期”。",
      ]);
}

/**
 * 「催报」 sent by hand from a dashboard; to a unit the city delegated rows to (分派填报), 「催填」 of those rows
 * by the city's internal deadline.
 */
export function urgeEmail(
  to: Addressed,
  { byUnitName, rowsMissing, delegateDeadline }: { byUnitName: string; rowsMissing: number; delegateDeadline?: Date },
  now: Date,
): RenderedEmail {
  const { campaign, unitName } = to;
  const missing = rowsMissing > 0 ? `，还有 ${rowsMissing} 个单位的管理员信息未填写` : "";
  if (delegateDeadline)
    return compose(to, `【催填】${campaign.title}`, [
      `${byUnitName}提醒：${byUnitName}分派给${unitName}填写的《${campaign.title}》（${campaign.docNumber}）管理员信息尚未全部提交${missing}。`,
      `${byUnitName}要求的截止时间：${formatDateTime(delegateDeadline)}（北京时间），${describeRemaining(delegateDeadline, now).text}。`,
      `请尽快登录平台填写，核对后「提交给市级」。`,
    ]);
  return compose(to, `【催报】${campaign.title}`, [
    `${byUnitName}提醒：${unitName}的《${campaign.title}》（${campaign.docNumber}）报送尚未完成${missing}。`,
    deadlineLine(campaign.deadline, now),
    "请尽快登录平台完成填报。",
  ]);
}

/** Shown in a digest before "等 N 个单位". */
const DIGEST_LIST_LIMIT = 30;

/** The daily digest of the last three days: which units of the table are still empty. */
export function digestEmail(to: Addressed, emptyUnitNames: string[], now: Date): RenderedEmail {
  const { campaign, unitName } = to;
  const listed = emptyUnitNames.slice(0, DIGEST_LIST_LIMIT);
  const more = emptyUnitNames.length - listed.length;
  return compose(to, `【每日汇总】${campaign.title}：${emptyUnitNames.length} 个单位尚未填写`, [
    `${unitName}汇总报送的《${campaign.title}》（${campaign.docNumber}）中，以下 ${emptyUnitNames.length} 个单位的管理员信息尚未填写：`,
    listed.join("、") + (more > 0 ? ` 等（另有 ${more} 个单位）` : "") + "。",
    deadlineLine(campaign.deadline, now),
  ]);
}

/** After a bounce: the row whose address cannot receive mail, named by its unit only. */
export function bounceNoticeEmail(to: Addressed, rowUnitName: string): RenderedEmail {
  const { campaign } = to;
  return compose(to, `【邮箱无法投递】请更正「${rowUnitName}」的管理员邮箱`, [
    `《${campaign.title}》（${campaign.docNumber}）报送表中「${rowUnitName}」一行填写的邮箱无法接收邮件（对方邮件服务器退信），系统已停止向该地址发送。`,
    "请与该单位核实后更正这一行的邮箱。表格已提交的，请联系省教育厅退回后修改。",
  ]);
}
