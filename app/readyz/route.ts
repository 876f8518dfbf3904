import { getDb } from "@/db";
import { checkReadiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 once the database answers and is migrated to this build, 503 otherwise. No session needed. */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness(getDb());
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
