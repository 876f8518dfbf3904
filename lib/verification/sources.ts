// The four reference sources of §三.3 and §四.2 and the columns each brings, keyed as reference_records.fields holds
// them. The import reads a file's headers through these (a label or one of its aliases); the rules read the keys.
import type { ReferenceSource } from "@/db/schema";

export type FieldType = "text" | "count" | "amount";

export type SourceField = {
  key: string;
  /** The header as the source system exports it, and the other spellings met in the wild. */
  label: string;
  aliases?: readonly string[];
  type: FieldType;
  required?: boolean;
};

export type SourceDefinition = { source: ReferenceSource; label: string; system: string; fields: readonly SourceField[] };

/** Every snapshot's key column: the 10-digit 学校标识码. */
export const SCHOOL_CODE_FIELD: SourceField = { key: "schoolCode", label: "学校标识码", aliases: ["学校代码", "机构代码", "标识码"], type: "text", required: true };
const NAME: SourceField = { key: "name", label: "学校名称", aliases: ["机构名称", "单位名称"], type: "text", required: true };

export const SOURCES: Record<ReferenceSource, SourceDefinition> = {
  school_codes: {
    source: "school_codes",
    label: "学校（机构）代码",
    system: "学校（机构）代码管理信息系统",
    fields: [
      SCHOOL_CODE_FIELD,
      NAME,
      { key: "divisionCode", label: "驻地区划代码", aliases: ["区划代码", "所在地区划代码"], type: "text", required: true },
      { key: "sponsor", label: "举办者", aliases: ["举办者类型"], type: "text" },
      { key: "schoolType", label: "办学类型", type: "text" },
      // 撤销 (voided) codes stay void: a school still using one is a discrepancy.
      { key: "status", label: "状态", aliases: ["机构状态"], type: "text", required: true },
    ],
  },
  statistics: {
    source: "statistics",
    label: "教育事业统计",
    system: "教育事业统计",
    fields: [
      SCHOOL_CODE_FIELD,
      NAME,
      { key: "students", label: "在校生数", aliases: ["在校学生数"], type: "count", required: true },
      { key: "fullTimeTeachers", label: "专任教师数", aliases: ["专任教师"], type: "count", required: true },
      { key: "landArea", label: "占地面积", aliases: ["占地面积（平方米）"], type: "amount", required: true },
      { key: "buildingArea", label: "校舍建筑面积", aliases: ["校舍建筑面积（平方米）"], type: "amount", required: true },
      { key: "equipmentValue", label: "教学仪器设备总值", aliases: ["教学仪器设备资产总值", "教学仪器设备总值（万元）"], type: "amount", required: true },
      { key: "books", label: "图书", aliases: ["图书（万册）", "纸质图书"], type: "amount", required: true },
    ],
  },
  students: {
    source: "students",
    label: "学生系统",
    system: "全国中等职业学校学生管理信息系统",
    fields: [
      SCHOOL_CODE_FIELD,
      NAME,
      { key: "grade1", label: "一年级在籍学生数", aliases: ["一年级"], type: "count", required: true },
      { key: "grade2", label: "二年级在籍学生数", aliases: ["二年级"], type: "count", required: true },
      { key: "grade3", label: "三年级在籍学生数", aliases: ["三年级"], type: "count", required: true },
      { key: "enrolled", label: "在籍学生数", aliases: ["在籍学生总数", "合计"], type: "count", required: true },
    ],
  },
  teachers: {
    source: "teachers",
    label: "教师系统",
    system: "全国教师管理信息系统",
    fields: [
      SCHOOL_CODE_FIELD,
      NAME,
      { key: "staff", label: "教职工数", aliases: ["教职工"], type: "count", required: true },
      { key: "fullTimeTeachers", label: "专任教师数", aliases: ["专任教师"], type: "count", required: true },
    ],
  },
};

/** 撤销: the status a voided 学校标识码 carries in the code registry. */
export const VOIDED_STATUS = "撤销";
