// The dashboard bench's baseline: a plain node:http server (no framework) answering every GET with the province
// dashboard, read by the same query (uncached) and written out as a bare HTML table. Started by
// dashboard.bench.ts as `node --conditions=react-server --import tsx plain-dashboard.ts <port>` with
// DATABASE_URL, BENCH_ACTOR (JSON) and BENCH_CAMPAIGN in its environment.
import { createServer } from "node:http";
import { createDb } from "@/db/index";
import type { Actor } from "@/lib/core/actor";
import { getDashboardByActor } from "@/lib/dashboard/queries";

const port = Number(process.argv[2]);
const actor = JSON.parse(process.env.BENCH_ACTOR!) as Actor;
const campaignId = Number(process.env.BENCH_CAMPAIGN);
const { db } = createDb(process.env.DATABASE_URL!, { max: 10 });
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

createServer(async (_request, response) => {
  const dashboard = await getDashboardByActor({ db, actor, campaignId, now: new Date() });
  const rows = dashboard!.lines.map((l) => `<tr><td>${escape(l.unitName)}</td><td>${l.progress}</td><td>${l.rowsFilled}/${l.rowsExpected}</td></tr>`).join("");
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><title>报送进度</title><p>${escape(dashboard!.campaign.title)}</p><table>${rows}</table>`);
}).listen(port, "127.0.0.1", () => console.log(`plain dashboard on ${port}`));
