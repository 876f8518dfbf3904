// Zod schemas shared by the public account forms and their server actions.
import { z } from "zod";
import { UNKNOWN_FIELD } from "@/lib/core/input";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "./password-rules";

const BAD_LINK = "链接无效，请从邮件中重新打开完整的链接。";

const passwordFields = {
  token: z.string({ error: BAD_LINK }).min(20, BAD_LINK).max(200, BAD_LINK),
  password: z
    .string({ error: "请设置密码" })
    .min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位，请加长`)
    .max(PASSWORD_MAX_LENGTH, `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`),
  confirm: z.string({ error: "请再次输入密码" }),
};

/** Setting a password from an activation or reset link. `personal` adds the email/unit-name rule (the page knows both). */
export function setPasswordSchema(personal?: { email: string; unitName: string }) {
  return z.strictObject(passwordFields, UNKNOWN_FIELD).superRefine((value, ctx) => {
    const problem = personal && passwordProblem(value.password, personal);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (value.confirm !== value.password) ctx.addIssue({ code: "custom", path: ["confirm"], message: "两次输入的密码不一致，请重新输入" });
  });
}

export type SetPasswordInput = z.input<ReturnType<typeof setPasswordSchema>>;

/** Changing one's own password while signed in: the current one proves it is the owner at the keyboard. */
export function changePasswordSchema(personal?: { email: string; unitName: string }) {
  return z
    .strictObject({ currentPassword: z.string({ error: "请输入当前密码" }).min(1, "请输入当前密码").max(PASSWORD_MAX_LENGTH, "当前密码不正确，请重新输入"), password: passwordFields.password, confirm: passwordFields.confirm }, UNKNOWN_FIELD)
    .superRefine((value, ctx) => {
      const problem = personal && passwordProblem(value.password, personal);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      if (value.confirm !== value.password) ctx.addIssue({ code: "custom", path: ["confirm"], message: "两次输入的密码不一致，请重新输入" });
      if (value.password && value.password === value.currentPassword) ctx.addIssue({ code: "custom", path: ["password"], message: "新密码不能与当前密码相同" });
    });
}

export type ChangePasswordInput = z.input<ReturnType<typeof changePasswordSchema>>;

export const forgotPasswordSchema = z.strictObject(
  {
    email: z
      .string({ error: "请填写登录邮箱" })
      .trim()
      .toLowerCase()
      .min(1, "请填写登录邮箱")
      .max(200, "邮箱过长，请核对")
      .pipe(z.email("邮箱格式不正确，请填写完整的邮箱地址")),
  },
  UNKNOWN_FIELD,
);

export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

const ENROLMENT_EXPIRED = "设置页面已失效，请刷新页面后重新扫描二维码。";

/** Confirming the authenticator: the code it shows for the secret the page offered (carried sealed in `enrolment`). */
export const enrolSecondFactorSchema = z.strictObject(
  {
    enrolment: z.string({ error: ENROLMENT_EXPIRED }).min(20, ENROLMENT_EXPIRED).max(500, ENROLMENT_EXPIRED),
    code: z
      .string({ error: "请输入验证码" })
      .transform((v) => v.replace(/\s/g, ""))
      .pipe(z.string().min(1, "请输入验证码").regex(/^\d{6}$/, "验证码为身份验证器显示的 6 位数字，请核对")),
  },
  UNKNOWN_FIELD,
);
export type EnrolSecondFactorInput = z.input<typeof enrolSecondFactorSchema>;

/** A 6-digit code from the authenticator, or one of the recovery codes. */
export const verifySecondFactorSchema = z.strictObject(
  { code: z.string({ error: "请输入验证码" }).trim().min(1, "请输入验证码").max(40, "验证码不正确，请核对后重新输入") },
  UNKNOWN_FIELD,
);
export type VerifySecondFactorInput = z.input<typeof verifySecondFactorSchema>;
