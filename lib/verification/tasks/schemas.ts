// 新建任务 of kind 数据核验: a campaign's fields and the school year it checks. Browser-safe.
import { z } from "zod";
import { createCampaignShape, toSchedule } from "@/lib/campaigns/schemas";
import { UNKNOWN_FIELD } from "@/lib/core/input";

/** A school year as the database holds it (2000–2100), from a select's text. */
export const schoolYearField = (label: string) =>
  z.coerce.number({ error: `${label}：请选择` }).int(`${label}：请选择`).min(2000, `${label}：请选择`).max(2100, `${label}：请选择`);

export const createVerificationSchema = z.strictObject({ ...createCampaignShape, schoolYear: schoolYearField("核验学年") }, UNKNOWN_FIELD).transform(toSchedule);

export type CreateVerificationInput = z.input<typeof createVerificationSchema>;
