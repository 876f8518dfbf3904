import { z } from "zod";

const UNKNOWN_FIELD = { error: "表单包含无法识别的内容，请刷新页面后重试" };
const id = z.coerce.number({ error: "参数无效，请刷新页面后重试" }).int().positive("参数无效，请刷新页面后重试");

/** 「重新发送」 one email that failed. */
export const resendSchema = z.strictObject({ emailId: id }, UNKNOWN_FIELD);
