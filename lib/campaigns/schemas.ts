// Zod schemas of a campaign, shared by the province's forms (react-hook-form) and the commands.
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD } from "@/lib/core/input";
import { normalizeEmail, normalizeName, normalizePhone } from "@/lib/roster/rules";
import { required } from "@/lib/roster/schemas";
import { fromBeijing, REMINDER_UNITS, type ReminderSlot, slotToOffset } from "./schedule";

export const CAMPAIGN_LABELS = {
  title: "任务标题",
  docNumber: "文号",
  issuer: "发文单位",
  body: "通知正文",
  contacts: "联系人",
  tableNotes: "填表说明",
  deadline: "截止时间",
  reminders: "提醒时间",
  unitIds: "报送单位",
} as const;

/** Suggested contact roles; any short role may be typed. */
export const CONTACT_ROLES = ["业务联系人", "技术支持"] as const;

/** A contact as one line, the way the notice itself ends. */
export function contactLine(c: { role: string; name: string; phone: string; email: string }): string {
  return `${c.role}：${c.name}，电话 ${c.phone}，邮箱 ${c.email}`;
}


/** Text that must be there: trimmed (single-line text also has its runs of spaces collapsed), then length-checked. */
function text(label: string, max: number, { multiline = false } = {}) {
  return z.string({ error: `${label}：请填写` }).transform((raw, ctx) => {
    const value = multiline ? raw.replace(/\r\n?/g, "\n").trim() : raw.trim().replace(/\s+/g, " ");
    const length = [...value].length;
    if (length === 0) ctx.issues.push({ code: "custom", message: `${label}：请填写`, input: raw });
    else if (length > max) ctx.issues.push({ code: "custom", message: `${label}：不能超过 ${max} 个字（当前 ${length} 个），请精简`, input: raw });
    return value;
  });
}

export const contactSchema = z.strictObject(
  {
    name: required("姓名", normalizeName),
    phone: required("电话", normalizePhone),
    email: required("邮箱", normalizeEmail),
    role: text("职责", 20),
  },
  UNKNOWN_FIELD,
);

export const MAX_CONTACTS = 6;

export const MAX_TABLE_NOTES = 10;
const MAX_NOTE_LENGTH = 200;

/**
 * 填表说明 are typed one per line; the numbers are the portal's to write, so a pasted 「1. 」 is taken off.
 * Blank lines are dropped; no notes at all is allowed (the table then prints without them).
 */
const tableNotes = z.string({ error: `${CAMPAIGN_LABELS.tableNotes}：请填写` }).transform((raw, ctx) => {
  const notes = raw
    .split(/\r\n?|\n/)
    .map((line) => line.trim().replace(/^\d{1,2}\s*[.．、]\s*/, "").replace(/\s+/g, " "))
    .filter((line) => line.length > 0);
  if (notes.length > MAX_TABLE_NOTES) ctx.issues.push({ code: "custom", message: `${CAMPAIGN_LABELS.tableNotes}：最多 ${MAX_TABLE_NOTES} 条（当前 ${notes.length} 条），请合并或删减`, input: raw });
  const long = notes.findIndex((note) => [...note].length > MAX_NOTE_LENGTH);
  if (long >= 0) ctx.issues.push({ code: "custom", message: `${CAMPAIGN_LABELS.tableNotes}：第 ${long + 1} 条超过 ${MAX_NOTE_LENGTH} 个字，请精简`, input: raw });
  return notes;
});

/** What the notice says: the part units read. */
const noticeShape = {
  title: text(CAMPAIGN_LABELS.title, 100),
  docNumber: text(CAMPAIGN_LABELS.docNumber, 40),
  issuer: text(CAMPAIGN_LABELS.issuer, 40),
  body: text(CAMPAIGN_LABELS.body, 20000, { multiline: true }),
  contacts: z.array(contactSchema).max(MAX_CONTACTS, `联系人：最多 ${MAX_CONTACTS} 位`),
  tableNotes,
};

export const noticeSchema = z.strictObject(noticeShape, UNKNOWN_FIELD);

/** Reminders go out at most 30 days before the deadline and at most 7 days after it. */
const MAX_BEFORE = 30 * REMINDER_UNITS.day;
const MAX_AFTER = 7 * REMINDER_UNITS.day;
export const MAX_REMINDERS = 8;

const reminderSlotSchema = z.strictObject(
  {
    when: z.enum(["before", "after"], { error: "提醒时间：请选择截止前或截止后" }),
    amount: z.number({ error: "提醒时间：请填写数字" }).int("提醒时间：请填写整数").min(1, "提醒时间：至少为 1"),
    unit: z.enum(Object.keys(REMINDER_UNITS) as [keyof typeof REMINDER_UNITS], { error: "提醒时间：请选择单位" }),
  },
  UNKNOWN_FIELD,
);

const scheduleShape = {
  deadlineDate: z.string({ error: "截止日期：请选择" }).refine((date) => fromBeijing(date, "00:00") !== null, "截止日期：请选择有效的日期"),
  deadlineTime: z.string({ error: "截止时刻：请选择" }).refine((time) => fromBeijing("2000-01-01", time) !== null, "截止时刻：请选择有效的时刻，如 17:00"),
  reminders: z.array(reminderSlotSchema).max(MAX_REMINDERS, `提醒时间：最多 ${MAX_REMINDERS} 个`),
};

type ScheduleFields = { deadlineDate: string; deadlineTime: string; reminders: ReminderSlot[] };

/** Beijing date + time → the deadline instant; reminder slots → sorted minutes relative to it. Runs once every field is valid. */
export function toSchedule<T extends ScheduleFields>({ deadlineDate, deadlineTime, reminders, ...rest }: T, ctx: z.RefinementCtx) {
  const offsets = reminders.map(slotToOffset);
  offsets.forEach((offset, i) => {
    if (offset < -MAX_BEFORE || offset > MAX_AFTER)
      ctx.addIssue({ code: "custom", path: ["reminders", i, "amount"], message: "提醒时间：应在截止前 30 天以内或截止后 7 天以内" });
    else if (offsets.indexOf(offset) !== i) ctx.addIssue({ code: "custom", path: ["reminders", i, "amount"], message: "提醒时间：与前面的提醒重复，请删除一个" });
  });
  // Both parts were checked on their own above; together they are always a time.
  return { ...rest, deadline: fromBeijing(deadlineDate, deadlineTime) as Date, reminderOffsets: [...new Set(offsets)].sort((a, b) => a - b) };
}

export const scheduleSchema = z.strictObject(scheduleShape, UNKNOWN_FIELD).transform(toSchedule);

const unitIds = z
  .array(id, { error: "报送单位：请选择" })
  .max(1000, "报送单位：选择过多")
  .transform((ids) => [...new Set(ids)]);

export const unitsSchema = z.strictObject({ unitIds }, UNKNOWN_FIELD);

/** A new campaign's fields; a task of another kind adds its own (lib/training: 参训人员来源). */
export const createCampaignShape = { ...noticeShape, ...scheduleShape, unitIds };

/** A new campaign: the notice, its schedule and its reporting units, saved as a draft. */
export const createCampaignSchema = z.strictObject(createCampaignShape, UNKNOWN_FIELD).transform(toSchedule);

export const updateNoticeSchema = z.strictObject({ ...noticeShape, campaignId: id }, UNKNOWN_FIELD);
export const updateScheduleSchema = z.strictObject({ ...scheduleShape, campaignId: id }, UNKNOWN_FIELD).transform(toSchedule);
export const setUnitsSchema = z.strictObject({ unitIds, campaignId: id }, UNKNOWN_FIELD);
export const campaignIdSchema = z.strictObject({ campaignId: id }, UNKNOWN_FIELD);

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const addAttachmentSchema = z.strictObject(
  {
    campaignId: id,
    file: z
      .instanceof(File, { error: "请选择要上传的附件" })
      .refine((f) => f.size > 0, "文件是空的，请重新选择")
      .refine((f) => f.size <= ATTACHMENT_MAX_BYTES, "附件不能超过 10 MB，请压缩后重新上传"),
  },
  UNKNOWN_FIELD,
);

export const removeAttachmentSchema = z.strictObject({ campaignId: id, attachmentId: id }, UNKNOWN_FIELD);

export type NoticeInput = z.input<typeof noticeSchema>;
export type NoticeOutput = z.output<typeof noticeSchema>;
export type ScheduleInput = z.input<typeof scheduleSchema>;
export type ScheduleOutput = z.output<typeof scheduleSchema>;
export type CreateCampaignInput = z.input<typeof createCampaignSchema>;
export type CreateCampaignOutput = z.output<typeof createCampaignSchema>;
export type UnitsInput = z.input<typeof unitsSchema>;
