import { getDb } from "@/db";
import { getActor } from "@/lib/auth/current";
import { may } from "@/lib/core/policy";
import { parseId } from "@/lib/ids";
import { getUnitChildren } from "@/lib/registry/queries";

const NOT_FOUND = "未找到该单位，或您无权查看。";

/** The units right below one unit, for the tree when a person opens it; only inside the tree the actor manages. */
export async function GET(_request: Request, { params }: { params: Promise<{ unitId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const parentId = parseId((await params).unitId);
  if (!parentId || !may(actor.role, "units.manage")) return new Response(NOT_FOUND, { status: 404 });
  const children = await getUnitChildren({ db: getDb(), actor, parentId });
  if (!children) return new Response(NOT_FOUND, { status: 404 });
  return Response.json(children, { headers: { "Cache-Control": "no-store" } });
}
