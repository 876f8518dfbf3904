import { describe, expect, it } from "vitest";
import { saveRowCommand } from "@/lib/roster/commands";
import { createDashboardCache, DASHBOARD_TTL_SECONDS } from "@/lib/dashboard/cache";
import { getDashboardByActor } from "@/lib/dashboard/queries";
import { actorFor, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, dataOf, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, rowInput, run, SHIJIAZHUANG, submissionOf, TANGSHAN_EMAIL, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();

/** A clock the test moves by hand. */
function manualClock() {
  let now = NOW;
  return { clock: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("the dashboard cache", () => {
  it("keeps each scope's figures to that scope: each city and the province get what an uncached read gives them", async () => {
    const { db } = world;
    const { clock } = manualClock();
    const cache = createDashboardCache({ clock });
    const { campaignId } = await submissionOf(db, SHIJIAZHUANG);
    const readers = [await actorFor(db, CITY_EMAIL), await actorFor(db, TANGSHAN_EMAIL), await actorFor(db, REVIEWER_EMAIL), await actorFor(db, COUNTY_EMAIL)];
    // Each reads twice, in turns, so that every read after the first finds the others' entries there.
    for (let round = 0; round < 2; round++) {
      for (const actor of readers) {
        expect(await cache.read({ db, actor, campaignId })).toEqual(await getDashboardByActor({ db, actor, campaignId, now: clock() }));
      }
    }
    const [shijiazhuang, tangshan, province] = await Promise.all(readers.slice(0, 3).map((actor) => cache.read({ db, actor, campaignId })));
    expect(shijiazhuang!.reporting!.unitName).toBe("石家庄市教育局");
    expect(tangshan!.reporting!.unitName).toBe("唐山市教育局");
    expect(province!.scope).toBe("province");
    // The county officer has no dashboard: a cached one of another scope must not reach it.
    expect(await cache.read({ db, actor: readers[3], campaignId })).toBeNull();
  });

  it("shows a saved row once the time to live has passed, not before", async () => {
    const { db } = world;
    const { clock, advance } = manualClock();
    const cache = createDashboardCache({ clock });
    const officer = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const filled = async () => (await cache.read({ db, actor: officer, campaignId: submission.campaignId }))!.reporting!.rowsFilled;
    expect(await filled()).toBe(0);

    dataOf(await run(db, saveRowCommand, rowInput(submission.id, (await unitByCode(db, CHANGAN)).id), officer));
    advance(DASHBOARD_TTL_SECONDS * 1000 - 1);
    expect(await filled()).toBe(0);
    advance(1);
    expect(await filled()).toBe(1);
  });
});
