import { z } from "zod";

export const loginSchema = z.object({
  email: z.string().trim().min(1, "请填写登录邮箱").max(200, "邮箱过长，请核对"),
  password: z.string().min(1, "请填写密码").max(200, "密码过长，请核对"),
  next: z.string().optional(),
});

/**
 * Only the portal's own pages: never redirect a person to another host after login. Parsed the way the browser will
 * (it drops tabs and newlines, reads a backslash as a slash), so "/\t/evil.example" is caught as "//evil.example" is.
 */
export function safeNextPath(next: string | undefined, appUrl: string): string {
  if (!next) return "/";
  const base = new URL(appUrl);
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return "/";
  }
  return url.origin === base.origin ? url.pathname + url.search + url.hash : "/";
}
