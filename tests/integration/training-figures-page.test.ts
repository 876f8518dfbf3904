// 培训情况: who sees which figures of a training task (the province every reporting unit's, a reporting unit its own
// and the units its 回执 covers, anyone else nothing), and that the page's tables are the bulletin's cells.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaigns, submissions, trainingRegistrations, units } from "@/db/schema";
import { getBulletinForActor } from "@/lib/bulletins/queries";
import { trainingBulletinCells, trainingBulletinData } from "@/lib/training/figures/bulletin";
import { generateTrainingBulletinCommand } from "@/lib/training/figures/commands";
import { coveredUnitsCells, ownLineCells } from "@/lib/training/figures/page-cells";
import { getTrainingFiguresForActor } from "@/lib/training/figures/queries";
import { actorFor, COUNTY_EMAIL, dataOf, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, run, TANGSHAN_EMAIL, unitByCode } from "../support/actors";
import { publishedTraining } from "../support/training";

const t = freshSeededDatabaseEachTest();

/** 石家庄: 3 of its units registered online (2 present, 1 absent), its 回执 submitted; 唐山: 1 on site, absent. */
async function withRegistrations(db: Db) {
  const training = await publishedTraining(db);
  const { campaign, sessions, roster, citySubmission } = training;
  const tangshan = await unitByCode(db, "1302");
  const [tsSubmission] = await db.select().from(submissions).where(and(eq(submissions.campaignId, campaign.id), eq(submissions.unitId, tangshan.id)));
  await db.update(submissions).set({ status: "submitted", submittedAt: NOW, late: false }).where(eq(submissions.id, citySubmission.id));
  const reg = (submissionId: number, sessionId: number, unitId: number, attendance: "present" | "absent") => ({
    campaignId: campaign.id, submissionId, sessionId, unitId, name: "参训人", position: "管理员", phone: `1380000${String(unitId).padStart(4, "0")}`, email: `u${unitId}@example.com`, state: "confirmed" as const, attendance,
  });
  // Units below the city: the city's own line in the covered units stays empty.
  const [a, b, c] = roster.rows.map((r) => r.unitId).filter((id) => id !== citySubmission.unitId);
  await db.insert(trainingRegistrations).values([
    reg(citySubmission.id, sessions.online.id, a, "present"),
    reg(citySubmission.id, sessions.online.id, b, "present"),
    reg(citySubmission.id, sessions.online.id, c, "absent"),
    reg(tsSubmission.id, sessions.onsite.id, tangshan.id, "absent"),
  ]);
  return { ...training, tangshan, registered: [a, b, c] };
}

describe("the 培训情况 page", () => {
  it("shows the province every reporting unit ranked, with the 全省 totals; a reviewer reads it but generates no 通报", async () => {
    const { db } = t;
    const { campaign, province } = await withRegistrations(db);
    const page = await getTrainingFiguresForActor({ db, actor: province, campaignId: campaign.id });
    expect(page?.scope).toBe("province");
    if (page?.scope !== "province") return;
    expect(page.bulletin).toEqual({ defaultTitle: "关于中等职业学校信息系统应用培训情况的通报" });
    expect(page.tally.reporting.length).toBeGreaterThan(2);
    expect(page.tally.reporting.slice(0, 2).map((r) => [r.rank, r.name, r.registered, r.present, r.absent])).toEqual([
      [1, "石家庄市教育局", 3, 2, 1],
      [2, "唐山市教育局", 1, 0, 1],
    ]);
    expect(page.tally.total).toEqual({ registered: 4, present: 2, absent: 2, remedied: 0 });

    const reviewer = await getTrainingFiguresForActor({ db, actor: await actorFor(db, REVIEWER_EMAIL), campaignId: campaign.id });
    expect(reviewer).toMatchObject({ scope: "province", bulletin: null });
  });

  it("shows 石家庄's officer its own line and its units only, 唐山's its own, and a county nothing", async () => {
    const { db } = t;
    const { campaign, city, registered } = await withRegistrations(db);
    const page = await getTrainingFiguresForActor({ db, actor: city, campaignId: campaign.id });
    expect(page?.scope).toBe("reporting");
    if (page?.scope !== "reporting") return;
    expect(page.tally.reporting.map((r) => r.name)).toEqual(["石家庄市教育局"]);
    expect(ownLineCells(page.line).rows).toEqual([["石家庄市教育局", "按时提交", expect.any(String), 3, 2, 1, 0, "66.7%"]]);
    // Its sessions count its own people only: 唐山's on-site absentee is not there.
    expect(page.tally.phases[0].sessions.map((s) => [s.title, s.registered])).toEqual([["系统集中培训（线上）", 3], ["系统集中培训（石家庄现场）", 0]]);
    const sjz = await unitByCode(db, "1301");
    const covered = await db.select({ id: units.id }).from(units).where(eq(units.reportingParentId, sjz.id));
    expect(page.units[0]).toMatchObject({ id: sjz.id, depth: 0, registered: 0 });
    expect(page.units.map((u) => u.id)).toEqual(expect.arrayContaining(covered.map((u) => u.id)));
    expect(page.units.filter((u) => u.registered > 0).map((u) => [u.id, u.present, u.absent])).toEqual(
      expect.arrayContaining([[registered[0], 1, 0], [registered[1], 1, 0], [registered[2], 0, 1]]),
    );
    expect(page.units.reduce((n, u) => n + u.registered, 0)).toBe(3);
    expect(coveredUnitsCells(page.units).rows[0]).toEqual(["石家庄市教育局", 0, 0, 0, 0, "—"]);

    const tangshan = await getTrainingFiguresForActor({ db, actor: await actorFor(db, TANGSHAN_EMAIL), campaignId: campaign.id });
    expect(tangshan?.scope).toBe("reporting");
    if (tangshan?.scope !== "reporting") return;
    expect(tangshan.tally.reporting.map((r) => [r.name, r.registered, r.absent])).toEqual([["唐山市教育局", 1, 1]]);
    expect(tangshan.units.every((u) => !registered.includes(u.id))).toBe(true);
    expect(tangshan.units.reduce((n, u) => n + u.registered, 0)).toBe(1);

    expect(await getTrainingFiguresForActor({ db, actor: await actorFor(db, COUNTY_EMAIL), campaignId: campaign.id })).toBeNull();
  });

  it("is nobody's for another province's task, a roster task or a draft", async () => {
    const { db } = t;
    const { campaign, province, city, roster } = await withRegistrations(db);
    expect(await getTrainingFiguresForActor({ db, actor: province, campaignId: roster.submission.campaignId })).toBeNull();
    await db.update(campaigns).set({ status: "draft" }).where(eq(campaigns.id, campaign.id));
    expect(await getTrainingFiguresForActor({ db, actor: province, campaignId: campaign.id })).toBeNull();
    await db.update(campaigns).set({ status: "published" }).where(eq(campaigns.id, campaign.id));

    const ministry = await unitByCode(db, (await db.select().from(units).where(eq(units.kind, "ministry")))[0].code);
    const [beijing] = await db.insert(units).values({ code: "11", name: "北京市教育委员会", kind: "province_bureau", reportingParentId: ministry.id }).returning();
    await db.update(campaigns).set({ ownerUnitId: beijing.id }).where(eq(campaigns.id, campaign.id));
    expect(await getTrainingFiguresForActor({ db, actor: province, campaignId: campaign.id })).toBeNull();
    // The city still reports on it: its own line stays its own.
    expect(await getTrainingFiguresForActor({ db, actor: city, campaignId: campaign.id })).toMatchObject({ scope: "reporting" });
  });

  it("lays out the same cells as the bulletin generated at the same moment", async () => {
    const { db } = t;
    const { campaign, province } = await withRegistrations(db);
    const page = await getTrainingFiguresForActor({ db, actor: province, campaignId: campaign.id });
    if (page?.scope !== "province") throw new Error("not the province's page");
    const { bulletinId } = dataOf(await run(db, generateTrainingBulletinCommand, { campaignId: campaign.id, title: page.bulletin!.defaultTitle }, province));
    const stored = (await getBulletinForActor({ db, actor: province, bulletinId }))!.data!;
    const bulletin = trainingBulletinData(stored as Parameters<typeof trainingBulletinData>[0]);
    expect(trainingBulletinCells(page.tally)).toEqual(trainingBulletinCells(bulletin.tally));
  });
});
