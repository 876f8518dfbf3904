import { getDb } from "@/db";
import { getActor, requestIp } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getScanForActor } from "@/lib/roster/queries";

/** The stamped scan, for anyone who may see the whole table; opened inline in the browser, and audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const submissionId = parseId((await params).submissionId);
  const scan = submissionId && (await getScanForActor({ db: getDb(), actor, submissionId, ip: await requestIp(), now: new Date() }));
  if (!scan) return new Response("未找到该扫描件（可能尚未上传），或您无权查看。", { status: 404 });
  return new Response(new Uint8Array(scan.content), {
    headers: {
      "Content-Type": scan.mimeType,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(scan.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
