// Zod schemas of a training task's plan (phases, sessions, seats), shared by the province's and the city's forms and
// the commands. Browser-safe: times are entered as Beijing dates and wall-clock times, as a campaign's deadline is.
import { z } from "zod";
import { createCampaignShape, toSchedule } from "@/lib/campaigns/schemas";
import { fromBeijing } from "@/lib/campaigns/schedule";
import { idField as id, UNKNOWN_FIELD, versionField } from "@/lib/core/input";

/** 新建任务 of kind 系统应用培训: a campaign's fields and the roster task whose approved administrators attend. */
export const createTrainingSchema = z
  .strictObject({ ...createCampaignShape, sourceCampaignId: z.coerce.number({ error: "参训人员来源：请选择" }).int().positive("参训人员来源：请选择") }, UNKNOWN_FIELD)
  .transform(toSchedule);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) => DATE.test(value) && fromBeijing(value, "00:00") !== null;

/** A phase's dates: both, or neither (待定（另行通知）). */
export const setPhaseDatesSchema = z
  .strictObject({ phaseId: id, startsOn: z.string(), endsOn: z.string() }, UNKNOWN_FIELD)
  .superRefine(({ startsOn, endsOn }, ctx) => {
    if (startsOn === "" && endsOn === "") return;
    if (!isDate(startsOn)) ctx.addIssue({ code: "custom", path: ["startsOn"], message: "开始日期：请选择有效的日期，或两项都留空表示待定" });
    if (!isDate(endsOn)) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "结束日期：请选择有效的日期，或两项都留空表示待定" });
    else if (isDate(startsOn) && endsOn < startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "结束日期：不能早于开始日期" });
  })
  .transform(({ phaseId, startsOn, endsOn }) => ({ phaseId, startsOn: startsOn || null, endsOn: endsOn || null }));

export const phaseIdSchema = z.strictObject({ phaseId: id }, UNKNOWN_FIELD);

export const SESSION_MODES = { onsite: "现场", online: "线上" } as const;

/** The kinds of unit a session can be for; 学校 covers schools and colleges with secondary-vocational departments. */
export const AUDIENCES = { city_bureau: "市级教育局", county_bureau: "县级教育局", school: "学校" } as const;
export type Audience = keyof typeof AUDIENCES;

const MAX_CAPACITY = 10_000;

const text = (label: string, max: number) =>
  z.string({ error: `${label}：请填写` }).transform((raw, ctx) => {
    const value = raw.trim().replace(/\s+/g, " ");
    if (value.length > max) ctx.issues.push({ code: "custom", message: `${label}：不能超过 ${max} 个字`, input: raw });
    return value;
  });

const sessionShape = {
  title: text("场次名称", 60).refine((v) => v.length > 0, "场次名称：请填写"),
  mode: z.enum(["onsite", "online"], { error: "培训方式：请选择现场或线上" }),
  date: z.string({ error: "日期：请选择" }).refine(isDate, "日期：请选择有效的日期"),
  startTime: z.string({ error: "开始时刻：请选择" }).refine((t) => fromBeijing("2000-01-01", t) !== null, "开始时刻：请选择有效的时刻，如 09:00"),
  endTime: z.string({ error: "结束时刻：请选择" }).refine((t) => fromBeijing("2000-01-01", t) !== null, "结束时刻：请选择有效的时刻，如 12:00"),
  place: text("培训地点", 100),
  meetingLink: text("会议链接", 500),
  capacity: z.coerce.number({ error: "名额：请填写数字" }).int("名额：请填写整数").min(1, "名额：至少为 1").max(MAX_CAPACITY, `名额：不能超过 ${MAX_CAPACITY}`),
  audience: z.array(z.enum(["city_bureau", "county_bureau", "school"]), { error: "参训单位：请至少选择一类" }).min(1, "参训单位：请至少选择一类"),
  remedial: z.boolean(),
};

type SessionFields = { [K in keyof typeof sessionShape]: z.output<(typeof sessionShape)[K]> };

/** Beijing date + times → instants; the place or the link the mode needs; 学校 → school and college. */
function toSession<T extends SessionFields>({ date, startTime, endTime, place, meetingLink, audience, ...rest }: T, ctx: z.RefinementCtx) {
  const startsAt = fromBeijing(date, startTime) as Date;
  const endsAt = fromBeijing(date, endTime) as Date;
  if (endsAt <= startsAt) ctx.addIssue({ code: "custom", path: ["endTime"], message: "结束时刻：应晚于开始时刻" });
  if (rest.mode === "onsite" && !place) ctx.addIssue({ code: "custom", path: ["place"], message: "培训地点：现场培训请填写地点" });
  if (rest.mode === "online" && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(meetingLink))
    ctx.addIssue({ code: "custom", path: ["meetingLink"], message: "会议链接：线上培训请填写以 https:// 开头的会议链接" });
  const kinds = audience.flatMap((a) => (a === "school" ? (["school", "college"] as const) : [a]));
  return {
    ...rest,
    startsAt,
    endsAt,
    place: rest.mode === "onsite" ? place : null,
    meetingLink: rest.mode === "online" ? meetingLink : null,
    audience: [...new Set(kinds)],
  };
}

export const createSessionSchema = z.strictObject({ ...sessionShape, phaseId: id }, UNKNOWN_FIELD).transform(toSession);
export const updateSessionSchema = z.strictObject({ ...sessionShape, sessionId: id, expectedVersion: versionField }, UNKNOWN_FIELD).transform(toSession);
export const sessionIdSchema = z.strictObject({ sessionId: id }, UNKNOWN_FIELD);

const seats = z.coerce.number({ error: "名额：请填写数字" }).int("名额：请填写整数").min(0, "名额：不能为负数");

/** Seats of one session per unit; a unit left out (or given 0) has no quota of its own. */
export const quotasSchema = z.strictObject(
  {
    sessionId: id,
    quotas: z
      .array(z.strictObject({ unitId: id, seats }, UNKNOWN_FIELD))
      .max(1000, "名额：单位过多")
      .refine((list) => new Set(list.map((q) => q.unitId)).size === list.length, "名额：同一单位只能填写一次"),
  },
  UNKNOWN_FIELD,
);

export type CreateTrainingInput = z.input<typeof createTrainingSchema>;
/** What a session form holds, without the phase or session it is for. */
export type SessionInput = Omit<z.input<typeof createSessionSchema>, "phaseId">;
export type PhaseDatesInput = z.input<typeof setPhaseDatesSchema>;
export type QuotasInput = z.input<typeof quotasSchema>;
