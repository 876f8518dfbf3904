// What the training tests share: 石家庄's roster table filled (each administrator with a phone of their own) and
// approved, and a published training task drawing on the seeded roster task, with two sessions in phase 1.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/index";
import type { Actor } from "@/lib/core/actor";
import { DEMO_LOGINS } from "@/db/seed";
import { campaignAssignments, campaigns, submissions, trainingPhases, trainingSessions, units } from "@/db/schema";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import { saveRowCommand } from "@/lib/roster/commands";
import { createTrainingCampaign } from "@/lib/training/lifecycle";
import { actorFor, CITY_EMAIL, dataOf, DEADLINE, NOW, rowInput, run, SHIJIAZHUANG, submissionOf, tableRowsOf } from "./actors";

export const PROVINCE_ADMIN_EMAIL = DEMO_LOGINS.find((l) => l.role === "province_admin")!.email;
/** A week after the roster task's deadline. */
export const TRAINING_DEADLINE = new Date(DEADLINE.getTime() + 7 * 24 * 3600_000);

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平";
/** The name of the administrator the fixture saves for the i-th row of 石家庄's table: distinct for the first 400. */
export const adminName = (i: number) => `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 20]}${GIVEN[(i * 7) % 20]}`;
/** Their phone. */
export const adminPhone = (i: number) => `139${String(10_000_000 + i).padStart(8, "0")}`;

/** Fills every row of 石家庄's roster table (phones of their own) and marks the table approved, as the province would. */
export async function approvedCityRoster(db: Db) {
  const city = await actorFor(db, CITY_EMAIL);
  const submission = await submissionOf(db, SHIJIAZHUANG);
  const rows = await tableRowsOf(db, city, submission.id);
  for (const [i, row] of rows.entries()) {
    const schoolCode = row.unitKind === "school" || row.unitKind === "college" ? row.registrySchoolCode! : "";
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, row.unitId, { name: adminName(i), phone: adminPhone(i), email: `sjz-admin${i}@example.com`, schoolCode }), city));
  }
  await db.update(submissions).set({ status: "approved", submittedAt: NOW }).where(eq(submissions.id, submission.id));
  return { city, submission, rows };
}

/**
 * A published training task of the province drawing on the seeded roster task, assigned to the same reporting units,
 * with an online session (200 seats, every kind of unit) and an on-site one (30 seats) in phase 1.
 */
export async function publishedTraining(db: Db, now = NOW) {
  const roster = await approvedCityRoster(db);
  const province = await actorFor(db, PROVINCE_ADMIN_EMAIL);
  const training = await createPublishedTraining(db, { province, rosterCampaignId: roster.submission.campaignId, deadline: TRAINING_DEADLINE, now });
  const [citySubmission] = await db
    .select()
    .from(submissions)
    .innerJoin(units, eq(units.id, submissions.unitId))
    .where(and(eq(submissions.campaignId, training.campaign.id), eq(units.code, SHIJIAZHUANG)));
  return { ...training, roster, province, city: roster.city, citySubmission: citySubmission.submissions };
}

/** The training task alone, on whatever the roster task holds: assigned as it is, published at `now`, its two sessions a day and two after `deadline`. */
export async function createPublishedTraining(db: Db, { province, rosterCampaignId, deadline, now }: { province: Actor; rosterCampaignId: number; deadline: Date; now: Date }) {
  const unitIds = (await db.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, rosterCampaignId))).map((a) => a.unitId);
  const created = await db.transaction(async (tx) => {
    const campaign = await createTrainingCampaign(tx, {
      title: "关于开展中等职业学校信息系统应用培训的通知",
      docNumber: "冀教职成函〔2021〕27号",
      issuer: "河北省教育厅",
      body: "各市（含定州、辛集市）教育局、雄安新区公共服务局，各有关学校：按照系统应用培训安排，请各单位按时报送培训回执。",
      contacts: [],
      tableNotes: [],
      deadline,
      reminderOffsets: [-1440],
      ownerUnitId: province.unitId,
      unitIds,
      sourceCampaignId: rosterCampaignId,
    });
    await publishCampaign(tx, campaign.id, province.unitId, now);
    return campaign;
  });
  const phases = await db.select().from(trainingPhases).where(eq(trainingPhases.campaignId, created.id)).orderBy(asc(trainingPhases.ordinal));
  const kinds = ["city_bureau", "county_bureau", "school", "college"] as const;
  const day = (hours: number) => new Date(deadline.getTime() + hours * 3600_000);
  const [online, onsite] = await db
    .insert(trainingSessions)
    .values([
      { campaignId: created.id, phaseId: phases[0].id, title: "系统集中培训（线上）", mode: "online", startsAt: day(24), endsAt: day(27), meetingLink: "https://meeting.example.cn/j/2021001", capacity: 200, audience: [...kinds] },
      { campaignId: created.id, phaseId: phases[0].id, title: "系统集中培训（石家庄现场）", mode: "onsite", startsAt: day(48), endsAt: day(51), place: "河北省教育厅三楼会议室", capacity: 30, audience: [...kinds] },
    ])
    .returning();
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, created.id));
  return { campaign, phases, sessions: { online, onsite } };
}
