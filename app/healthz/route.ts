/** Liveness: the process answers. No session and no database: a database outage must not get web processes restarted. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
