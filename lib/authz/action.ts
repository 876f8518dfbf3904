import "server-only";
import type { z } from "zod";
import { getDb } from "@/db";
import { getActor, inRequest } from "@/lib/auth/current";
import { type ActionResult } from "@/lib/core/errors";
import { type Command, executeCommand } from "@/lib/core/command";

export const SIGNED_OUT_MESSAGE = "登录已过期，请重新登录后再试。您填写的内容仍保留在页面上。";

/** The one wrapper every exported server action goes through: the session decides who acts. */
export async function authorizedAction<S extends z.ZodType, R>(command: Command<S, R>, input: unknown): Promise<ActionResult<R>> {
  const actor = await getActor();
  if (!actor) return { ok: false, formError: SIGNED_OUT_MESSAGE };
  return inRequest((ip) => executeCommand(command, input, { db: getDb(), actor, ip, now: new Date() }));
}
