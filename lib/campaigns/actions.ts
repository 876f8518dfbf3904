"use server";

import { authorizedAction } from "@/lib/authz/action";
import {
  addAttachmentCommand,
  closeCampaignCommand,
  createCampaignCommand,
  publishCampaignCommand,
  removeAttachmentCommand,
  reopenCampaignCommand,
  setUnitsCommand,
  updateNoticeCommand,
  updateScheduleCommand,
} from "./commands";

export async function createCampaign(input: unknown) {
  return authorizedAction(createCampaignCommand, input);
}

export async function updateNotice(input: unknown) {
  return authorizedAction(updateNoticeCommand, input);
}

export async function setUnits(input: unknown) {
  return authorizedAction(setUnitsCommand, input);
}

export async function updateSchedule(input: unknown) {
  return authorizedAction(updateScheduleCommand, input);
}

export async function publishCampaign(input: unknown) {
  return authorizedAction(publishCampaignCommand, input);
}

export async function closeCampaign(input: unknown) {
  return authorizedAction(closeCampaignCommand, input);
}

export async function reopenCampaign(input: unknown) {
  return authorizedAction(reopenCampaignCommand, input);
}

export async function addAttachment(formData: FormData) {
  return authorizedAction(addAttachmentCommand, Object.fromEntries(formData));
}

export async function removeAttachment(input: unknown) {
  return authorizedAction(removeAttachmentCommand, input);
}
