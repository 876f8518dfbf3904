import { z } from "zod";

const UNKNOWN_FIELD = { error: "表单包含无法识别的内容，请刷新页面后重试" };
const id = z.coerce.number({ error: "参数无效，请刷新页面后重试" }).int().positive("参数无效，请刷新页面后重试");

/** 「催报」: which unit, for which campaign. */
export const urgeSchema = z.strictObject({ campaignId: id, unitId: id }, UNKNOWN_FIELD);

export type UrgeInput = z.input<typeof urgeSchema>;
