// Zod schemas of the people page, shared by the forms and the commands. None takes a password:
// the province can neither see nor set one (people set their own from an emailed link).
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD } from "@/lib/core/input";
import { ROLES } from "@/lib/core/roles";
import { normalizeEmail, normalizeName, type RuleResult } from "@/lib/roster/rules";
import { commitFields, previewFields } from "@/lib/xlsx/schemas";


function rule(label: string, check: (raw: string) => RuleResult) {
  return z.string({ error: `${label}：请填写` }).transform((raw, ctx) => {
    const result = check(raw);
    if (result.ok) return result.value;
    ctx.issues.push({ code: "custom", message: `${label}：${result.message}`, input: raw });
    return z.NEVER;
  });
}

export const USER_FIELD_LABELS = { email: "邮箱（登录账号）", name: "姓名", unitId: "所在单位", role: "角色" } as const;

const userFields = {
  name: rule("姓名", normalizeName),
  unitId: z.coerce.number({ error: "所在单位：请选择" }).int().positive("所在单位：请选择"),
  role: z.enum(ROLES, { error: "角色：请选择" }),
};

export const inviteUserSchema = z.strictObject({ email: rule("邮箱", normalizeEmail), ...userFields }, UNKNOWN_FIELD);
export type InviteUserInput = z.input<typeof inviteUserSchema>;
export type InviteUserOutput = z.output<typeof inviteUserSchema>;

/** The login (email) never changes: it is the account. */
export const updateUserSchema = z.strictObject({ userId: id, ...userFields }, UNKNOWN_FIELD);
export type UpdateUserInput = z.input<typeof updateUserSchema>;
export type UpdateUserOutput = z.output<typeof updateUserSchema>;

export const userIdSchema = z.strictObject({ userId: id }, UNKNOWN_FIELD);

export const previewBulkInviteSchema = z.strictObject(previewFields, UNKNOWN_FIELD);
export const bulkInviteSchema = z.strictObject(commitFields, UNKNOWN_FIELD);
