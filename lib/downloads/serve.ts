import type { AuditAction } from "@/lib/core/audit-actions";
import "server-only";
import { getDb } from "@/db";
import { getActor, inRequest } from "@/lib/auth/current";
import { exportReasonSchema } from "@/lib/privacy/schemas";
import { type BuildDownload, ExportReasonRequired, performDownload } from "./audited";
import { fileResponse } from "./response";

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

/** The one path of every download route that hands out people's data: the session decides who asks. */
export async function auditedDownload(action: AuditAction, build: BuildDownload, notFoundMessage = "未找到该表格，或您无权下载。", reason?: string): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  try {
    const file = await inRequest((ip) => performDownload({ db: getDb(), actor, ip, now: new Date(), reason }, action, build));
    if (!file) return new Response(notFoundMessage, { status: 404 });
    return fileResponse(file);
  } catch (error) {
    if (!(error instanceof ExportReasonRequired)) throw error;
    return new Response(error.message, { status: 403, headers: TEXT });
  }
}

/**
 * An export that may be large: GET downloads it when it is small; the 「导出原因」 dialog POSTs the
 * reason (a form field), which the audit row records.
 */
export function exportRoute<P>(action: AuditAction, buildFor: (params: P, request: Request) => Promise<BuildDownload | null>) {
  const serve = async (request: Request, params: P, reason?: string) => {
    const build = await buildFor(params, request);
    if (!build) return new Response("未找到该表格，或您无权下载。", { status: 404, headers: TEXT });
    return auditedDownload(action, build, undefined, reason);
  };
  return {
    GET: async (request: Request, { params }: { params: Promise<P> }) => serve(request, await params),
    POST: async (request: Request, { params }: { params: Promise<P> }) => {
      const form = await request.formData().catch(() => null);
      const parsed = exportReasonSchema.safeParse({ reason: form?.get("reason") ?? "" });
      if (!parsed.success) return new Response(parsed.error.issues[0].message, { status: 400, headers: TEXT });
      return serve(request, await params, parsed.data.reason);
    },
  };
}
