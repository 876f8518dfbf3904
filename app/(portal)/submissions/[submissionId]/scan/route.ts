import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { submissionScans } from "@/db/schema";
import { getActor } from "@/lib/auth/current";
import { isUnitInScope } from "@/lib/authz/scope";
import { parseId } from "@/lib/ids";
import { getSubmissionForActor } from "@/lib/roster/queries";

/** The stamped scan, for anyone who may see the submission; opened inline in the browser. */
export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const submissionId = parseId((await params).submissionId);
  const db = getDb();
  const submission = submissionId && (await getSubmissionForActor({ db, actor, submissionId }));
  // The scan shows every unit's administrator: only those with the whole table in scope may open it.
  if (!submission || !(await isUnitInScope(db, actor, submission.unitId))) return new Response("未找到该扫描件，或您无权访问。", { status: 404 });
  const [scan] = await db.select().from(submissionScans).where(eq(submissionScans.submissionId, submission.id));
  if (!scan) return new Response("尚未上传扫描件。", { status: 404 });
  return new Response(new Uint8Array(scan.content), {
    headers: {
      "Content-Type": scan.mimeType,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(scan.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
