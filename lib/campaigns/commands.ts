import { and, eq } from "drizzle-orm";
import { campaignAttachments, campaigns } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { ATTACHMENT_TYPES, attachmentFileName, sniffAttachment } from "./attachments";
import {
  assertDocNumberFree,
  assertNotClosed,
  closeCampaign,
  createCampaign,
  lockCampaign,
  publishCampaign,
  reopenCampaign,
  replaceAssignments,
} from "./lifecycle";
import {
  addAttachmentSchema,
  campaignIdSchema,
  createCampaignSchema,
  removeAttachmentSchema,
  setUnitsSchema,
  updateNoticeSchema,
  updateScheduleSchema,
} from "./schemas";

const MAX_ATTACHMENTS = 10;

/** 新建任务: saved as a draft; nobody outside the province sees it until 发布. */
export const createCampaignCommand = defineCommand({
  name: "campaign.create",
  permission: "campaigns.manage",
  input: createCampaignSchema,
  async run({ tx, actor, target }, input) {
    const campaign = await createCampaign(tx, { ...input, ownerUnitId: actor.unitId });
    target("campaign", campaign.id, { docNumber: campaign.docNumber, units: input.unitIds.length });
    return { campaignId: campaign.id };
  },
});

/** The notice's text and contacts; allowed until the campaign is closed. */
export const updateNoticeCommand = defineCommand({
  name: "campaign.update_notice",
  permission: "campaigns.manage",
  input: updateNoticeSchema,
  async run({ tx, actor, target }, { campaignId, ...notice }) {
    const campaign = await lockCampaign(tx, campaignId, actor.unitId);
    assertNotClosed(campaign);
    await assertDocNumberFree(tx, { docNumber: notice.docNumber, ownerUnitId: actor.unitId, kind: campaign.kind }, campaignId);
    await tx.update(campaigns).set(notice).where(eq(campaigns.id, campaignId));
    target("campaign", campaignId, { docNumber: notice.docNumber });
    return { campaignId };
  },
});

/** The reporting units of a draft. */
export const setUnitsCommand = defineCommand({
  name: "campaign.set_units",
  permission: "campaigns.manage",
  input: setUnitsSchema,
  async run({ tx, actor, target }, { campaignId, unitIds }) {
    const campaign = await lockCampaign(tx, campaignId, actor.unitId);
    if (campaign.status !== "draft") throw new DomainError("任务已发布，报送单位不能再更改：各单位已经开始填报。");
    await replaceAssignments(tx, campaign, unitIds);
    target("campaign", campaignId, { units: unitIds.length });
    return { campaignId };
  },
});

/** 截止时间与提醒: the deadline (entered in Beijing time) and the reminder slots relative to it. */
export const updateScheduleCommand = defineCommand({
  name: "campaign.update_schedule",
  permission: "campaigns.manage",
  input: updateScheduleSchema,
  async run({ tx, actor, now, target }, { campaignId, deadline, reminderOffsets }) {
    const campaign = await lockCampaign(tx, campaignId, actor.unitId);
    assertNotClosed(campaign);
    // A draft may keep an old date while it is prepared; publishing checks it again.
    if (campaign.status === "published" && deadline <= now && deadline.getTime() !== campaign.deadline.getTime())
      throw new DomainError("", { fieldErrors: { deadlineDate: "截止时间：不能早于当前时间，请重新选择" } });
    await tx.update(campaigns).set({ deadline, reminderOffsets }).where(eq(campaigns.id, campaignId));
    target("campaign", campaignId, { deadline: deadline.toISOString(), previousDeadline: campaign.deadline.toISOString(), reminderOffsets });
    return { campaignId };
  },
});

export const publishCampaignCommand = defineCommand({
  name: "campaign.publish",
  permission: "campaigns.manage",
  input: campaignIdSchema,
  async run({ tx, actor, now, target }, { campaignId }) {
    const published = await publishCampaign(tx, campaignId, actor.unitId, now);
    target("campaign", campaignId, published);
    return published;
  },
});

export const closeCampaignCommand = defineCommand({
  name: "campaign.close",
  permission: "campaigns.manage",
  input: campaignIdSchema,
  async run({ tx, actor, now, target }, { campaignId }) {
    await closeCampaign(tx, campaignId, actor.unitId, now);
    target("campaign", campaignId);
    return { campaignId };
  },
});

export const reopenCampaignCommand = defineCommand({
  name: "campaign.reopen",
  permission: "campaigns.manage",
  input: campaignIdSchema,
  async run({ tx, actor, target }, { campaignId }) {
    await reopenCampaign(tx, campaignId, actor.unitId);
    target("campaign", campaignId);
    return { campaignId };
  },
});

/** A PDF, DOCX or XLSX published with the notice, recognised by its bytes. */
export const addAttachmentCommand = defineCommand({
  name: "campaign.add_attachment",
  permission: "campaigns.manage",
  input: addAttachmentSchema,
  async run({ tx, actor, now, target }, { campaignId, file }) {
    assertNotClosed(await lockCampaign(tx, campaignId, actor.unitId));
    const content = Buffer.from(await file.arrayBuffer());
    const kind = sniffAttachment(content);
    if (!kind) throw new DomainError("", { fieldErrors: { file: "附件须为 PDF、Word（.docx）或 Excel（.xlsx）文件。该文件的内容不是这几种格式，请另存为后重新上传。" } });
    const count = await tx.$count(campaignAttachments, eq(campaignAttachments.campaignId, campaignId));
    if (count >= MAX_ATTACHMENTS) throw new DomainError("", { fieldErrors: { file: `每个任务最多 ${MAX_ATTACHMENTS} 个附件，请先删除不需要的附件。` } });
    const fileName = attachmentFileName(file.name, kind);
    const [saved] = await tx
      .insert(campaignAttachments)
      .values({ campaignId, fileName, mimeType: ATTACHMENT_TYPES[kind], size: content.length, content, uploadedAt: now })
      .returning({ id: campaignAttachments.id });
    target("campaign_attachment", saved.id, { campaignId, fileName, size: content.length });
    return { attachmentId: saved.id, fileName };
  },
});

export const removeAttachmentCommand = defineCommand({
  name: "campaign.remove_attachment",
  permission: "campaigns.manage",
  input: removeAttachmentSchema,
  async run({ tx, actor, target }, { campaignId, attachmentId }) {
    assertNotClosed(await lockCampaign(tx, campaignId, actor.unitId));
    const [removed] = await tx
      .delete(campaignAttachments)
      .where(and(eq(campaignAttachments.id, attachmentId), eq(campaignAttachments.campaignId, campaignId)))
      .returning({ fileName: campaignAttachments.fileName });
    if (!removed) throw notFound();
    target("campaign_attachment", attachmentId, { campaignId, fileName: removed.fileName });
    return { attachmentId };
  },
});
