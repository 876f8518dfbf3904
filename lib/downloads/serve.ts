import type { AuditAction } from "@/lib/core/audit-actions";
import "server-only";
import { getDb } from "@/db";
import { getActor, inRequest } from "@/lib/auth/current";
import { type BuildDownload, performDownload } from "./audited";
import { fileResponse } from "./response";

/** The one path of every download route that hands out people's data: the session decides who asks. */
export async function auditedDownload(action: AuditAction, build: BuildDownload, notFoundMessage = "未找到该表格，或您无权下载。"): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const file = await inRequest((ip) => performDownload({ db: getDb(), actor, ip, now: new Date() }, action, build));
  if (!file) return new Response(notFoundMessage, { status: 404 });
  return fileResponse(file);
}
