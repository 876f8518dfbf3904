import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { col, queryRows } from "@/db/rows";
import { delegations, units } from "@/db/schema";
import { seedDemoDelegation } from "@/db/seed/delegation";
import { takeBackCommand } from "@/lib/delegation/commands";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { actorFor, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, dataOf, FIRST_PAGE, freshSeededDatabaseEachTest, NOW, run, SHIJIAZHUANG, submissionOf, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();

describe("the demo's 三级联动", () => {
  it("delegates every county of 石家庄 with its schools, and no other city's rows; changan@ sees 长安区's rows only", async () => {
    const { db } = world;
    const { assigned } = await seedDemoDelegation(db, { now: NOW });
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const perDelegate = await queryRows(
      db,
      { submissionId: col.int, kind: col.text, rows: col.int },
      sql`select d.submission_id as "submissionId", u.kind, (select count(*) from delegated_rows r where r.delegation_id = d.id) as rows
          from delegations d join units u on u.id = d.delegate_unit_id`,
    );
    const [{ counties }] = await queryRows(
      db,
      { counties: col.int },
      sql`select count(*) as counties from units where reporting_parent_id = ${submission.unitId} and kind = 'county_bureau' and active`,
    );
    expect(perDelegate).toHaveLength(counties);
    expect(perDelegate.every((d) => d.submissionId === submission.id && d.kind === "county_bureau")).toBe(true);
    expect(assigned).toBe(perDelegate.reduce((sum, d) => sum + d.rows, 0));

    const changan = await unitByCode(db, CHANGAN);
    const workspace = await getWorkspaceForActor({ db, actor: await actorFor(db, COUNTY_EMAIL), submissionId: submission.id, view: FIRST_PAGE });
    const schools = await db.select({ id: units.id }).from(units).where(eq(units.reportingParentId, changan.id));
    expect(workspace!.delegation).toMatchObject({ state: "filling", cityName: "石家庄市教育局" });
    expect(workspace!.table.rows.map((r) => r.unitId).sort()).toEqual([changan.id, ...schools.map((s) => s.id)].sort());
    expect(workspace!.table.rows.every((r) => r.delegation?.state === "assigned" && r.delegation.delegateUnitId === changan.id)).toBe(true);
  });

  it("leaves a table that was delegated before as it is, rows taken back included", async () => {
    const { db } = world;
    await seedDemoDelegation(db, { now: NOW });
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    dataOf(await run(db, takeBackCommand, { submissionId: submission.id, unitIds: [changan.id] }, await actorFor(db, CITY_EMAIL)));
    const before = await db.select().from(delegations).orderBy(delegations.id);

    expect(await seedDemoDelegation(db, { now: NOW })).toEqual({ assigned: 0 });
    expect(await db.select().from(delegations).orderBy(delegations.id)).toEqual(before);
  });
});
