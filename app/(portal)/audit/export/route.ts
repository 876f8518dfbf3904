import { getDb } from "@/db";
import { exportAuditLog } from "@/lib/audit/export";
import { may } from "@/lib/core/policy";
import { parseAuditFilter } from "@/lib/audit/schemas";
import { getActor, inRequest } from "@/lib/auth/current";
import { fileResponse } from "@/lib/downloads/response";
import { XLSX_MIME } from "@/lib/xlsx/styled-workbook";

/** The current search as an .xlsx, for the audit administrator only; the export is itself audited. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor || !may(actor.role, "audit.read")) return new Response("未找到该页面，或您无权访问。", { status: 404 });
  const filter = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  const result = await inRequest((ip) => exportAuditLog({ db: getDb(), actor, filter, ip, now: new Date() }));
  if (!result.ok) return new Response(result.message, { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return fileResponse({ content: result.content, fileName: result.fileName, contentType: XLSX_MIME });
}
