// Zod schemas of the unit registry, shared by the forms (react-hook-form) and the commands.
import { z } from "zod";
import { idField as id, INVALID_PARAMETER as BAD_MODE, UNKNOWN_FIELD } from "@/lib/core/input";
import type { UnitKind } from "@/db/schema";
import { normalizeSchoolCode } from "@/lib/roster/rules";
import { commitFields, previewFields } from "@/lib/xlsx/schemas";

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  ministry: "教育部",
  province_bureau: "省级教育行政部门",
  city_bureau: "市级教育行政部门",
  county_bureau: "县（区）教育局",
  school: "中等职业学校",
  college: "高职院校（中职部）",
};

/** What a province may add under itself; 教育部 is the one root and the provinces are the seed's. */
export const CREATABLE_KINDS = ["city_bureau", "county_bureau", "school", "college"] as const;

export function isSchoolKind(kind: UnitKind): boolean {
  return kind === "school" || kind === "college";
}


export const unitNameSchema = z
  .string({ error: "单位名称：请填写" })
  .transform((raw) => raw.normalize("NFKC").trim().replace(/\s+/g, " "))
  .pipe(z.string().min(2, "单位名称：请填写完整的单位名称（至少 2 个字）").max(60, "单位名称：不能超过 60 个字，请核对"));

/** 所在县区代码: a 4-digit city or 6-digit county division code; blank is allowed (null too: a form sends back what it parsed). */
export const divisionCodeSchema = z
  .string()
  .nullish()
  .transform((raw) => raw?.normalize("NFKC").replace(/\s+/g, "") || null)
  .pipe(z.string().regex(/^\d{4}(\d{2})?$/, "所在县区代码：应为 6 位县（区）代码或 4 位市代码，如 130102").nullable());

/** A bureau's code (its division code, or letters such as XA); a school's code is its 10-digit 学校标识码. */
export function unitCodeProblem(kind: UnitKind, code: string): string | null {
  if (isSchoolKind(kind)) {
    const result = normalizeSchoolCode(code);
    return result.ok ? null : `学校标识码：${result.message}`;
  }
  return /^[0-9A-Z]{2,12}$/.test(code) ? null : "单位代码：应为 2–12 位数字或大写字母，如 130102";
}

const codeSchema = z
  .string({ error: "单位代码：请填写" })
  .transform((raw) => raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase())
  .pipe(z.string().min(1, "单位代码：请填写"));

function checkCode(value: { kind: UnitKind; code: string }, ctx: z.RefinementCtx) {
  const problem = unitCodeProblem(value.kind, value.code);
  if (problem) ctx.addIssue({ code: "custom", path: ["code"], message: problem });
}

export const createUnitSchema = z
  .strictObject(
    {
      kind: z.enum(CREATABLE_KINDS, { error: "单位类型：请选择" }),
      name: unitNameSchema,
      code: codeSchema,
      divisionCode: divisionCodeSchema,
      parentId: id,
    },
    UNKNOWN_FIELD,
  )
  .superRefine(checkCode);

export type CreateUnitInput = z.input<typeof createUnitSchema>;
export type CreateUnitOutput = z.output<typeof createUnitSchema>;

/** The kind never changes after creation; the command checks the code against the stored kind. */
export const updateUnitSchema = z.strictObject(
  { unitId: id, name: unitNameSchema, code: codeSchema, divisionCode: divisionCodeSchema },
  UNKNOWN_FIELD,
);

export type UpdateUnitInput = z.input<typeof updateUnitSchema>;
export type UpdateUnitOutput = z.output<typeof updateUnitSchema>;

export const moveUnitSchema = z.strictObject({ unitId: id, parentId: id }, UNKNOWN_FIELD);

export const unitIdSchema = z.strictObject({ unitId: id }, UNKNOWN_FIELD);

/** The school list import: `preview` checks every row and writes nothing, `commit` writes the previewed file's rows, all or none. */
export const listImportSchema = z.discriminatedUnion(
  "mode",
  [z.strictObject({ mode: z.literal("preview"), ...previewFields }, UNKNOWN_FIELD), z.strictObject({ mode: z.literal("commit"), ...commitFields }, UNKNOWN_FIELD)],
  { error: BAD_MODE },
);
export type ListImportInput = z.output<typeof listImportSchema>;
