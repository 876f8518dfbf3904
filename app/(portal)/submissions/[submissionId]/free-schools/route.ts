import { getDb } from "@/db";
import { getActor } from "@/lib/auth/current";
import { may } from "@/lib/core/policy";
import { getFreeSchoolsBySubmission } from "@/lib/delegation/groups";
import { freeSchoolsQuerySchema } from "@/lib/delegation/schemas";
import { parseId } from "@/lib/ids";
import { getSubmissionForActor } from "@/lib/roster/queries";
import { isFillerOf } from "@/lib/submissions/workflow";

const NOT_FOUND = "未找到该报送，或您无权查看。";

/** 「分派填报」's schools not yet delegated, of the county the city opened or matching its search: the city filler's only. */
export async function GET(request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const submissionId = parseId((await params).submissionId);
  if (!submissionId || !may(actor.role, "delegation.manage")) return new Response(NOT_FOUND, { status: 404 });
  const query = freeSchoolsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return new Response("参数无效，请刷新页面后重试。", { status: 400 });
  const db = getDb();
  const submission = await getSubmissionForActor({ db, actor, submissionId });
  if (!submission || !isFillerOf(actor, submission)) return new Response(NOT_FOUND, { status: 404 });
  const schools = await getFreeSchoolsBySubmission({ db, submission: { id: submission.id, unitId: submission.unitId }, ...query.data });
  return Response.json(schools, { headers: { "Cache-Control": "no-store" } });
}
