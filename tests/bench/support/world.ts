import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/index";
import { root } from "../../support/production-app";
import type { BenchApp } from "./app";
import { BENCH_PASSWORD, type BenchDatabase } from "./fixture";
import type { Call } from "./load";
import { type BenchSession, signIn } from "./sessions";

/** A city officer of the deadline rush: signed in, with its table. */
export type Filler = BenchSession & { submissionId: number };

/** A row one save at a time may write: a county's, in its city's table, at the version last seen. */
type Slot = { filler: Filler; unitId: number; version: number | null; saves: number };

/** Every city officer signed in, in CITY_LEVEL_CODES order, with their campaign's table. */
export async function signInFillers(db: Db, database: BenchDatabase): Promise<Filler[]> {
  const fillers: Filler[] = [];
  for (const email of database.cityOfficers) {
    const session = await signIn(db, email, BENCH_PASSWORD);
    const [{ id }] = await db.execute<{ id: number }>(sql`select id from submissions where campaign_id = ${database.campaignId} and unit_id = ${session.unitId}`);
    fillers.push({ ...session, submissionId: id });
  }
  return fillers;
}

/** The id under which the built app knows a server action (the browser reads it from the page's code). */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(join(root, ".next-bench/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} of ${file} in the bench build`);
  return found[0];
}

/**
 * 「保存」 of one row, as the table page's form sends it (the server action) or as the bench-only route takes
 * it. Each save takes a county row nobody else is saving, changes its phone number and keeps the version
 * the answer gives, so saves never conflict however many run at once; refusals are counted.
 */
export async function rowSaves(db: Db, app: BenchApp, fillers: Filler[]) {
  const byUnit = new Map(fillers.map((f) => [f.unitId, f]));
  const submissionIds = JSON.stringify(fillers.map((f) => f.submissionId));
  const stored = () =>
    db.execute<{ id: number; parent: number; version: number | null }>(sql`
      select u.id, u.reporting_parent_id as parent, e.version from units u
      left join roster_entries e on e.unit_id = u.id and e.submission_id in (select jsonb_array_elements_text(${submissionIds}::jsonb)::int)
      where u.kind = 'county_bureau' and u.active and u.reporting_parent_id in (select jsonb_array_elements_text(${JSON.stringify([...byUnit.keys()])}::jsonb)::int)
      order by u.id`);
  let free: Slot[] = (await stored()).map((c) => ({ filler: byUnit.get(c.parent)!, unitId: c.id, version: c.version, saves: 0 }));
  const slots = new Map(free.map((slot) => [slot.unitId, slot]));
  const actionId = serverActionId("lib/roster/actions.ts", "saveRow");
  const counts = { saved: 0, refused: 0, skipped: 0 };

  const save = (via: "action" | "route", otherwise: () => Call): Call => {
    const slot = free.shift();
    // A save not yet answered holds its row (the server may still write it): when every row is out, the
    // connection sends `otherwise` instead, and the skip is counted.
    if (!slot) {
      counts.skipped++;
      return otherwise();
    }
    slot.saves++;
    const input = {
      submissionId: slot.filler.submissionId,
      unitId: slot.unitId,
      expectedVersion: slot.version,
      name: "王伟",
      position: "信息中心主任",
      phone: `138${String((slot.unitId * 1000 + slot.saves) % 1e8).padStart(8, "0")}`,
      email: `county${slot.unitId}@example.com`,
    };
    const headers = { cookie: slot.filler.cookie, origin: app.baseUrl };
    return {
      method: "POST",
      ...(via === "action"
        ? { path: `/submissions/${slot.filler.submissionId}`, headers: { ...headers, "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" }, body: JSON.stringify([input]) }
        : { path: "/bench/save-row", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(input) }),
      answered(status, body) {
        const version = /"ok":true,"data":\{"version":(\d+)[,}]/.exec(body)?.[1];
        if (status === 200 && version) {
          slot.version = Number(version);
          counts.saved++;
        } else counts.refused++;
        free.push(slot);
      },
    };
  };
  /**
   * Every row back in the pool at its stored version: a run that ends leaves its last saves unanswered, and their
   * rows would otherwise stay out for good. Call it once the server has settled (BenchApp.settle), between runs.
   */
  const reclaim = async () => {
    for (const row of await stored()) slots.get(row.id)!.version = row.version;
    free = [...slots.values()];
  };
  return { save, counts, reclaim };
}
