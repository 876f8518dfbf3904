"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { signIn } from "@/lib/auth/config";
import { inRequest } from "@/lib/auth/current";
import type { ActionResult } from "@/lib/core/errors";
import { requestPasswordReset } from "./password-reset";
import { setPasswordWithToken } from "./set-password";

// The pages behind email links have no session: these actions are the link's own authorisation.

export async function activateAccount(input: unknown): Promise<ActionResult<never>> {
  return setPasswordAndSignIn("activation", input);
}

export async function resetPassword(input: unknown): Promise<ActionResult<never>> {
  return setPasswordAndSignIn("password_reset", input);
}

export async function forgotPassword(input: unknown) {
  return inRequest((ip) => requestPasswordReset({ db: getDb(), input, ip, now: new Date() }));
}

async function setPasswordAndSignIn(purpose: "activation" | "password_reset", input: unknown): Promise<ActionResult<never>> {
  const result = await inRequest((ip) => setPasswordWithToken({ db: getDb(), purpose, input, ip, now: new Date() }));
  if (!result.ok) return result;
  const { password } = input as { password: string };
  try {
    await signIn("credentials", { email: result.data.email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, formError: "密码已设置，但自动登录未成功，请前往登录页用新密码登录。" };
    throw error;
  }
  redirect("/");
}
