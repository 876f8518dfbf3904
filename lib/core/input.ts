import { z } from "zod";

/** The pieces every command's input schema shares. */
export const INVALID_PARAMETER = "参数无效，请刷新页面后重试";

/** Command inputs refuse fields they do not know: a forged role or status is an error, not silently dropped. */
export const UNKNOWN_FIELD = { error: "表单包含无法识别的内容，请刷新页面后重试" };

export const idField = z.coerce.number({ error: INVALID_PARAMETER }).int().positive(INVALID_PARAMETER);

export const versionField = z.coerce.number({ error: INVALID_PARAMETER }).int().min(0);
