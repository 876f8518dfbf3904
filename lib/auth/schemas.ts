import { z } from "zod";

export const loginSchema = z.object({
  email: z.string().trim().min(1, "请填写登录邮箱").max(200, "邮箱过长，请核对"),
  password: z.string().min(1, "请填写密码").max(200, "密码过长，请核对"),
  next: z.string().optional(),
});

/** Only same-site paths: never redirect a person to another host after login. */
export function safeNextPath(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
