import { getDb } from "@/db";
import { getActor } from "@/lib/auth/current";
import { isUnitInScope } from "@/lib/authz/scope";
import { parseId } from "@/lib/ids";
import { getEventsBySubmission, getSubmissionForActor } from "@/lib/roster/queries";

const NOT_FOUND = "未找到该报送，或您无权查看。";

/** The timeline's next page (「更多」): the events older than `before`, for whoever may see the submission. */
export async function GET(request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const submissionId = parseId((await params).submissionId);
  const before = parseId(new URL(request.url).searchParams.get("before") ?? "");
  if (!submissionId || !before) return new Response(NOT_FOUND, { status: 404 });
  const db = getDb();
  const submission = await getSubmissionForActor({ db, actor, submissionId });
  if (!submission) return new Response(NOT_FOUND, { status: 404 });
  // As on the page: a unit that sees only its own rows of the table reads only the events about them.
  const onlyUnitsOf = (await isUnitInScope(db, actor, submission.unitId)) ? undefined : actor;
  return Response.json(await getEventsBySubmission({ db, submissionId, before, onlyUnitsOf }), { headers: { "Cache-Control": "no-store" } });
}
