// The demo's 系统应用培训 (§三.2 of 冀教办函〔2021〕26号): a training task drawing on the roster task, assigned to the same
// units, with the notice's three phases — the first dated in the demo's near future and announced, the other two
// 待定（另行通知）— and one online and one on-site session in the first. Made as the province makes one; once.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../index";
import { campaignAssignments, campaigns, trainingPhases, trainingSessions } from "../schema";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import { fromBeijing, toBeijing } from "@/lib/campaigns/schedule";
import { createTrainingCampaign } from "@/lib/training/lifecycle";
import { CAMPAIGN_DOC_NUMBER } from "./index";

export const TRAINING_TITLE = "全国中等职业学校管理信息系统应用培训";

const TRAINING_BODY = `各市（含定州、辛集市）教育局、雄安新区公共服务局，省属中职学校，有关高职院校：

按照《关于做好全国中等职业学校管理信息系统应用准备工作的通知》（冀教办函〔2021〕26号）第三部分第2项安排，由省教育厅和系统开发厂商进行系统应用培训，具体工作分为系统集中培训、2020学年度业务数据采集、系统全面应用及问题收集反馈三个阶段，并计划于2022年3月31日之前全部完成。

请各单位确认本单位系统管理员参加培训的回执；管理员不能参加的，请填写替换人员并说明原因。各市汇总审核所辖县（区）和学校的回执后统一提交。具体培训时间另行通知。`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Beijing calendar day `days` after `now`, at `time`. */
function beijingDay(now: Date, days: number, time: string): Date {
  return fromBeijing(toBeijing(new Date(now.getTime() + days * DAY_MS)).date, time)!;
}

export async function seedDemoTraining(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('baosong:seed-training'))`);
    const [roster] = await tx.select().from(campaigns).where(and(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER), eq(campaigns.kind, "roster")));
    if (!roster) return { created: false };
    const [existing] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER), eq(campaigns.kind, "training")));
    if (existing) return { created: false };
    const unitIds = (await tx.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, roster.id))).map((a) => a.unitId);
    const campaign = await createTrainingCampaign(tx, {
      title: TRAINING_TITLE,
      docNumber: CAMPAIGN_DOC_NUMBER,
      issuer: roster.issuer,
      body: TRAINING_BODY,
      contacts: roster.contacts,
      tableNotes: [],
      // The 回执 are due a week after the administrators' table.
      deadline: new Date(roster.deadline.getTime() + 7 * DAY_MS),
      reminderOffsets: roster.reminderOffsets,
      ownerUnitId: roster.ownerUnitId,
      unitIds,
      sourceCampaignId: roster.id,
    });
    await publishCampaign(tx, campaign.id, roster.ownerUnitId, now, { notify: false });
    const [first] = await tx.select().from(trainingPhases).where(eq(trainingPhases.campaignId, campaign.id)).orderBy(asc(trainingPhases.ordinal)).limit(1);
    const startsAt = beijingDay(roster.deadline, 14, "09:00");
    await tx
      .update(trainingPhases)
      .set({ startsOn: toBeijing(startsAt).date, endsOn: toBeijing(beijingDay(roster.deadline, 18, "09:00")).date, announcedAt: now })
      .where(eq(trainingPhases.id, first.id));
    const kinds = ["city_bureau", "county_bureau", "school", "college"] as const;
    await tx.insert(trainingSessions).values([
      {
        campaignId: campaign.id,
        phaseId: first.id,
        title: "系统集中培训（线上）",
        mode: "online",
        startsAt,
        endsAt: beijingDay(roster.deadline, 14, "12:00"),
        meetingLink: "https://meeting.example.cn/j/202112001",
        capacity: 300,
        audience: [...kinds],
      },
      {
        campaignId: campaign.id,
        phaseId: first.id,
        title: "系统集中培训（现场）",
        mode: "onsite",
        startsAt: beijingDay(roster.deadline, 15, "09:00"),
        endsAt: beijingDay(roster.deadline, 15, "17:00"),
        place: "河北省教育厅三楼会议室（石家庄市裕华区）",
        capacity: 60,
        audience: [...kinds],
      },
    ]);
    return { created: true };
  });
}
