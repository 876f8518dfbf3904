import { z } from "zod";

export const REASON_MIN_LENGTH = 4;
export const REASON_MAX_LENGTH = 200;

/** Why someone needs the full personal data (查看 or 导出): a sentence that goes into the audit log. */
export function purposeField(what: "查看" | "导出") {
  return z
    .string({ error: `请填写${what}原因` })
    .trim()
    .min(1, `请填写${what}原因`)
    .min(REASON_MIN_LENGTH, `${what}原因至少 ${REASON_MIN_LENGTH} 个字，例如「核对联系电话以便联系」`)
    .max(REASON_MAX_LENGTH, `${what}原因不能超过 ${REASON_MAX_LENGTH} 个字`);
}

/** A file of people's data with more rows than this is handed out only with a reason (audited). */
export const EXPORT_REASON_ROWS = 50;

export const EXPORT_REASON_REQUIRED_MESSAGE = `导出超过 ${EXPORT_REASON_ROWS} 行个人信息须说明导出原因。请在页面上点击「导出」，填写导出原因后再下载。`;

export const exportReasonSchema = z.object({ reason: purposeField("导出") });
