// The wording of every email about a campaign's deadline: what, by when (Beijing time), a link, the
// notice's contacts. Only the recipient's own name; other people appear as their units, never by name or address.
import { col } from "@/db/rows";
import { type CampaignContact, type CampaignKind, campaignKind } from "@/db/schema";
import { taskPath } from "@/lib/campaigns/kinds";
import { contactLine } from "@/lib/campaigns/schemas";
import { env } from "@/lib/env";
import { type RenderedEmail, renderEmail } from "@/lib/mail/render";
import { describeRemaining, formatDateTime } from "@/lib/time";
import { handInLabel, ROW_DELEGATION_LABELS } from "@/lib/delegation/rules";
import type { DueSlot } from "./schedule";

export type CampaignForEmail = { id: number; kind: CampaignKind; title: string; docNumber: string; deadline: Date; contacts: CampaignContact[] };

/** Columns of a query that reads a CampaignForEmail (select c.id, c.kind, c.title, c.doc_number as "docNumber", c.deadline, c.contacts). */
export const CAMPAIGN_FOR_EMAIL = { id: col.int, kind: col.oneOf(campaignKind.enumValues), title: col.text, docNumber: col.text, deadline: col.instant, contacts: col.json<CampaignContact[]>() };

export type Addressed = { campaign: CampaignForEmail; recipientName: string; unitName: string; submissionId: number | null };

/** Where the unit does its part: its table, its 回执, or the campaign's notice. */
function taskLink(campaign: CampaignForEmail, submissionId: number | null): { label: string; url: string } {
  return { label: "进入填报", url: new URL(taskPath(campaign.kind, { campaignId: campaign.id, submissionId }), env().APP_URL).toString() };
}

function deadlineLine(deadline: Date, now: Date, label = "截止时间"): string {
  return `${label}：${formatDateTime(deadline)}（北京时间），${describeRemaining(deadline, now).text}。`;
}

/** The footer is the notice's contacts, unless the email is about what a city asked of its own units. */
function compose({ campaign, recipientName, submissionId }: Addressed, subject: string, paragraphs: string[], footer = campaign.contacts.map(contactLine)): RenderedEmail {
  return renderEmail({
    subject,
    greeting: `${recipientName}同志：`,
    paragraphs,
    action: taskLink(campaign, submissionId),
    footer,
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

/** Shown in a list before "等（另有 N 个单位）". */
const LIST_LIMIT = 30;

/** The first LIST_LIMIT of a list of units, and how many more there are. */
function shortened<T>(list: T[]): { listed: T[]; rest: number } {
  const listed = list.slice(0, LIST_LIMIT);
  return { listed, rest: list.length - listed.length };
}

/** Names joined, and what was left out of them. */
function nameList(names: string[]): string {
  const { listed, rest } = shortened(names);
  return listed.join("、") + (rest > 0 ? ` 等（另有 ${rest} 个单位）` : "");
}

/** The daily digest of the last three days: which units of the table are still empty. */
export function digestEmail(to: Addressed, emptyUnitNames: string[], now: Date): RenderedEmail {
  const { campaign, unitName } = to;
  return compose(to, `【每日汇总】${campaign.title}：${emptyUnitNames.length} 个单位尚未填写`, [
    `${unitName}汇总报送的《${campaign.title}》（${campaign.docNumber}）中，以下 ${emptyUnitNames.length} 个单位的管理员信息尚未填写：`,
    nameList(emptyUnitNames) + "。",
    deadlineLine(campaign.deadline, now),
  ]);
}

// 分派填报 (三级联动): a city hands rows of its table to its counties and schools with an internal deadline.

/** A delegated row not yet handed in: still to fill, or returned by the city to be put right. */
export type OpenRow = { unitName: string; returned: boolean };

/** A delegate that has not handed in all its rows, as its city's digest lists it. */
export type OpenDelegate = { unitName: string; deadline: Date; rows: OpenRow[] };

const INTERNAL_DEADLINE = "下级截止时间";

/** A reminder slot for a delegate, relative to its city's internal deadline: the rows it still has to fill and hand in. */
/** `cityName` is who delegated the rows: the city, or (`toCounty`) the county that handed a school's row on to it. */
export function delegateSlotEmail(
  to: Addressed,
  { cityName, delegate, toCounty = false }: { cityName: string; delegate: OpenDelegate; toCounty?: boolean },
  slot: DueSlot,
  now: Date,
): RenderedEmail {
  const { campaign, unitName } = to;
  const rows = `${nameList(delegate.rows.map((r) => (r.returned ? `${r.unitName}（已退回，请修改）` : r.unitName)))}，共 ${delegate.rows.length} 行`;
  const handIn = `「${handInLabel(toCounty ? "county" : "city")}」`;
  const footer = [`如有疑问，请联系${cityName}。`];
  return slot.kind === "reminder"
    ? compose(
        to,
        `【催报提醒】${cityName}分派的填报：${campaign.title}`,
        [
          `${cityName}将《${campaign.title}》（${campaign.docNumber}）报送表中的部分行分派给${unitName}填写，以下各行尚未提交：${rows}。`,
          deadlineLine(delegate.deadline, now, `${cityName}规定的截止时间`),
          `请登录平台填写、核对后点击${handIn}。已经提交的，请忽略本邮件。`,
        ],
        footer,
      )
    : compose(
        to,
        `【逾期提醒】${cityName}分派的填报：${campaign.title}`,
        [
          `${cityName}规定的截止时间 ${formatDateTime(delegate.deadline)}（北京时间）已过，${unitName}负责的《${campaign.title}》（${campaign.docNumber}）报送表以下各行尚未提交：${rows}。`,
          `请尽快登录平台填写后点击${handIn}，以免影响${cityName}按时报送。`,
        ],
        footer,
      );
}

/** How a delegate's open rows stand, in the words of the city's table: 「待下级填写 3 行，已退回下级 1 行」. */
function rowCounts(rows: OpenRow[]): string {
  const returned = rows.filter((r) => r.returned).length;
  const counts = [[ROW_DELEGATION_LABELS.assigned, rows.length - returned] as const, [ROW_DELEGATION_LABELS.returned, returned] as const];
  return counts.filter(([, n]) => n > 0).map(([label, n]) => `${label} ${n} 行`).join("，");
}

/** The city's daily digest while delegates have not handed in: each such unit, where its rows stand, its internal deadline. */
export function delegateDigestEmail(to: Addressed, delegates: OpenDelegate[], now: Date): RenderedEmail {
  const { campaign, unitName } = to;
  const oneDeadline = delegates.every((d) => d.deadline.getTime() === delegates[0].deadline.getTime());
  const { listed, rest } = shortened(delegates);
  const lines = listed.map((d) => `${d.unitName}：${rowCounts(d.rows)}${oneDeadline ? "" : `（${INTERNAL_DEADLINE} ${formatDateTime(d.deadline)}）`}`);
  return compose(to, `【分派进度】${campaign.title}：${delegates.length} 个下级单位尚未提交`, [
    `${unitName}分派填报的《${campaign.title}》（${campaign.docNumber}）中，以下 ${delegates.length} 个下级单位尚未提交：`,
    ...lines,
    ...(rest > 0 ? [`另有 ${rest} 个单位未列出，请在报送表中查看。`] : []),
    ...(oneDeadline ? [deadlineLine(delegates[0].deadline, now, INTERNAL_DEADLINE)] : []),
    deadlineLine(campaign.deadline, now, "任务截止时间"),
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
