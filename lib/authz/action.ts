import "server-only";
import type { z } from "zod";
import { getDb } from "@/db";
import { getSignedIn, inRequest } from "@/lib/auth/current";
import type { SessionGate } from "@/lib/auth/sessions";
import { type ActionResult } from "@/lib/core/errors";
import { type Command, executeCommand } from "@/lib/core/command";

export const SIGNED_OUT_MESSAGE = "登录已过期，请重新登录后再试。您填写的内容仍保留在页面上。";
export const GATE_MESSAGES: Record<SessionGate, string> = {
  second_factor_enrol: "您的账号须使用两步验证，请先完成设置后再操作。",
  second_factor: "请先输入两步验证的验证码后再操作。",
  password_expired: "您的密码已超过规定的使用期限，请先修改密码后再操作。",
  privacy_notice: "请先阅读并同意《个人信息处理规则》后再操作。",
};

/** The one wrapper every exported server action goes through: the session decides who acts. */
export async function authorizedAction<S extends z.ZodType, R>(
  command: Command<S, R>,
  input: unknown,
  { passesGate }: { passesGate?: SessionGate } = {},
): Promise<ActionResult<R>> {
  const signedIn = await getSignedIn();
  if (!signedIn) return { ok: false, formError: SIGNED_OUT_MESSAGE };
  if (signedIn.gate && signedIn.gate !== passesGate) return { ok: false, formError: GATE_MESSAGES[signedIn.gate] };
  return inRequest((ip) => executeCommand(command, input, { db: getDb(), actor: signedIn.actor, ip, now: new Date() }));
}
