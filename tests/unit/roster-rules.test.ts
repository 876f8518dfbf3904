import { describe, expect, it } from "vitest";
import {
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizePosition,
  normalizeSchoolCode,
  schoolCodeWarnings,
} from "@/lib/roster/rules";
import { FIELD_LABELS, fillerSchema, rosterRowSchema } from "@/lib/roster/schemas";

function messageOf(result: { ok: boolean; message?: string }): string {
  expect(result.ok).toBe(false);
  return result.message ?? "";
}

describe("normalizePhone", () => {
  it.each([
    ["13800138000", "13800138000", "mobile"],
    ["138 0013 8000", "13800138000", "mobile"],
    ["138-0013-8000", "13800138000", "mobile"],
    ["＋８６ １３８ ００１３ ８０００", "13800138000", "mobile"],
    ["+86 138 0013 8000", "13800138000", "mobile"],
    ["0086 138 0013 8000", "13800138000", "mobile"],
    ["86 13800138000", "13800138000", "mobile"],
    ["0311-66005705", "0311-66005705", "landline"],
    ["0311 6600 5705", "0311-66005705", "landline"],
    ["(0311)66005705", "0311-66005705", "landline"],
    ["（０３１１）６６００５７０５", "0311-66005705", "landline"],
    ["010-12345678", "010-12345678", "landline"],
    ["021-1234-5678", "021-12345678", "landline"],
    ["0311 6600 5705 转 801", "0311-66005705-801", "landline"],
    ["0311-66005705 分机 801", "0311-66005705-801", "landline"],
    ["0311-66005705 分机号：801", "0311-66005705-801", "landline"],
    ["0311-66005705 EXT. 801", "0311-66005705-801", "landline"],
    ["0311-66005705x801", "0311-66005705-801", "landline"],
    ["0311-66005705#801", "0311-66005705-801", "landline"],
    ["0311-66005705-801", "0311-66005705-801", "landline"],
  ])("accepts %j as %s", (raw, value, kind) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, value, kind });
  });

  it("parses its own canonical forms back unchanged", () => {
    for (const value of ["13800138000", "0311-66005705", "0311-66005705-801", "010-12345678-1"]) {
      expect(normalizePhone(value)).toMatchObject({ ok: true, value });
    }
  });

  it("says how many digits a mobile has when the count is wrong", () => {
    expect(messageOf(normalizePhone("1380013800"))).toBe("手机号应为 11 位数字（当前 10 位），请核对");
    expect(messageOf(normalizePhone("+86 138 0013 80000"))).toContain("当前 12 位");
  });

  it("refuses 11 digits that are not a mobile number", () => {
    expect(messageOf(normalizePhone("23800138000"))).toBe("请填写 11 位手机号，或带区号的固定电话，如 0311-66005705");
    // Right length and leading 1, but no such mobile prefix: only the phone metadata knows.
    expect(messageOf(normalizePhone("10012345678"))).toContain("不是有效的手机号");
  });

  it("refuses letters and several numbers in one cell", () => {
    expect(messageOf(normalizePhone("abc"))).toContain("只能包含数字");
    expect(messageOf(normalizePhone("13800138000/13900139000"))).toContain("只能填写一个号码");
  });

  it("refuses a landline that is too short or lacks its area code", () => {
    expect(messageOf(normalizePhone("0311-123"))).toBe("固定电话应为区号加 7–8 位号码，如 0311-66005705，请核对");
    expect(messageOf(normalizePhone("66005705"))).toContain("带区号的固定电话");
  });

  it("refuses empty input", () => {
    expect(messageOf(normalizePhone(""))).toContain("请填写 11 位手机号");
    expect(messageOf(normalizePhone("　 "))).toContain("请填写 11 位手机号");
  });

  it("allows an extension only on a landline, and only 1–6 digits", () => {
    expect(messageOf(normalizePhone("13800138000 转 801"))).toContain("手机号不能带分机号");
    expect(messageOf(normalizePhone("0311-66005705 转 1234567"))).toContain("分机号应为 1–6 位数字");
    expect(messageOf(normalizePhone("0311-66005705 转 abc"))).toContain("分机号应为 1–6 位数字");
  });

  it("refuses service numbers that are neither mobile nor landline", () => {
    expect(normalizePhone("400-810-8888").ok).toBe(false);
  });

  it("refuses numbers outside mainland China", () => {
    expect(normalizePhone("+852 2123 4567").ok).toBe(false);
    expect(normalizePhone("+44 20 7946 0958").ok).toBe(false);
  });
});

describe("normalizeName", () => {
  it.each([
    ["张三", "张三"],
    ["  张三  ", "张三"],
    ["张　三", "张三"],
    ["欧阳  娜娜", "欧阳娜娜"],
    ["买买提·艾力", "买买提·艾力"],
    ["买买提•艾力", "买买提·艾力"],
    ["阿依・古丽", "阿依·古丽"],
    ["阿依.古丽", "阿依·古丽"],
    ["阿依．古丽", "阿依·古丽"],
    ["阿依 · 古丽", "阿依·古丽"],
    ["John  Smith", "John Smith"],
    ["Ｊｏｈｎ", "John"],
    ["𠮷野", "𠮷野"],
  ])("accepts %j as %j", (raw, value) => {
    expect(normalizeName(raw)).toEqual({ ok: true, value });
  });

  it("refuses digits and other symbols, naming the character", () => {
    expect(messageOf(normalizeName("张3"))).toBe("不能包含「3」，只能填写汉字、英文字母和间隔号「·」");
    expect(messageOf(normalizeName("张三（主任）"))).toContain("「(」");
    expect(messageOf(normalizeName("张_三"))).toContain("「_」");
  });

  it("keeps the middle dot between two parts of the name", () => {
    expect(messageOf(normalizeName("·张三"))).toContain("间隔号");
    expect(messageOf(normalizeName("张三·"))).toContain("间隔号");
    expect(messageOf(normalizeName("阿依··古丽"))).toContain("间隔号");
  });

  it("requires 2–20 characters, counting a rare character once", () => {
    expect(messageOf(normalizeName(""))).toContain("请填写真实姓名");
    expect(messageOf(normalizeName("张"))).toContain("当前 1 个");
    expect(normalizeName("张".repeat(20)).ok).toBe(true);
    expect(normalizeName("𠮷".repeat(20)).ok).toBe(true);
    expect(messageOf(normalizeName("张".repeat(21)))).toContain("当前 21 个");
  });
});

describe("normalizeEmail", () => {
  it("trims, folds full-width characters and lower-cases", () => {
    expect(normalizeEmail("  Zhang.San@QQ.COM ")).toEqual({ ok: true, value: "zhang.san@qq.com" });
    expect(normalizeEmail("ｚｓ＠１２６．ｃｏｍ")).toEqual({ ok: true, value: "zs@126.com" });
  });

  it("refuses empty, malformed and over-long addresses", () => {
    expect(messageOf(normalizeEmail(" "))).toContain("请填写");
    expect(messageOf(normalizeEmail("zhangsan@qq"))).toContain("格式不正确");
    expect(messageOf(normalizeEmail("zhang san@qq.com"))).toContain("格式不正确");
    const long = `${"a".repeat(94)}@qq.com`;
    expect(normalizeEmail(long.slice(1)).ok).toBe(true);
    expect(messageOf(normalizeEmail(long))).toContain("100");
  });
});

describe("normalizePosition", () => {
  it("trims and accepts 1–30 characters", () => {
    expect(normalizePosition("  信息中心  主任 ")).toEqual({ ok: true, value: "信息中心 主任" });
    expect(normalizePosition("长").ok).toBe(true);
    expect(normalizePosition("职".repeat(30)).ok).toBe(true);
  });

  it("refuses empty and over-long positions", () => {
    expect(messageOf(normalizePosition("  "))).toContain("请填写");
    expect(messageOf(normalizePosition("职".repeat(31)))).toContain("当前 31 个");
  });
});

describe("normalizeSchoolCode", () => {
  it("folds full-width digits and strips spaces", () => {
    expect(normalizeSchoolCode(" ３６１３ 000 001 ")).toEqual({ ok: true, value: "3613000001" });
  });

  it("requires exactly 10 digits", () => {
    expect(messageOf(normalizeSchoolCode("36130000011"))).toBe("应为 10 位数字（当前 11 位），请核对");
    expect(messageOf(normalizeSchoolCode("361300000"))).toContain("当前 9 位");
    expect(messageOf(normalizeSchoolCode("36130000A1"))).toContain("不能包含字母或符号");
    expect(messageOf(normalizeSchoolCode(""))).toContain("请填写");
  });
});

describe("schoolCodeWarnings", () => {
  it("is silent for a Hebei secondary vocational school or college", () => {
    expect(schoolCodeWarnings("3613000001")).toEqual([]);
    expect(schoolCodeWarnings("4113010001")).toEqual([]);
  });

  it("warns, without making the code invalid, when digits 3–4 are not 13", () => {
    expect(normalizeSchoolCode("3611000001").ok).toBe(true);
    expect(schoolCodeWarnings("3611000001")).toEqual(["第 3–4 位应为 13（河北省），请核对"]);
  });

  it("warns when the first two digits are neither 36 nor 41", () => {
    expect(schoolCodeWarnings("2113000001")).toEqual(["第 1–2 位通常为 36（中等职业学校）或 41（高等学校），请核对"]);
  });

  it("normalises before checking and leaves invalid codes to the error", () => {
    expect(schoolCodeWarnings("３６ １１ ０００００１")).toHaveLength(1);
    expect(schoolCodeWarnings("99999999999")).toEqual([]);
  });
});

describe("rosterRowSchema", () => {
  const row = {
    name: " 买买提•艾力 ",
    position: " 信息中心主任 ",
    phone: "0311 6600 5705 转 801",
    email: "ZhangSan@QQ.com",
    schoolCode: "３６１３０００００１",
  };

  it("parses to the canonical forms", () => {
    expect(rosterRowSchema.parse(row)).toEqual({
      name: "买买提·艾力",
      position: "信息中心主任",
      phone: "0311-66005705-801",
      email: "zhangsan@qq.com",
      schoolCode: "3613000001",
    });
  });

  it("treats a blank or missing school code as null", () => {
    expect(rosterRowSchema.parse({ ...row, schoolCode: " " }).schoolCode).toBeNull();
    expect(rosterRowSchema.parse({ ...row, schoolCode: undefined }).schoolCode).toBeNull();
  });

  it("accepts a school code that only earns a warning", () => {
    expect(rosterRowSchema.parse({ ...row, schoolCode: "3611000001" }).schoolCode).toBe("3611000001");
  });

  it("reports each bad field in Chinese, naming the field", () => {
    const result = rosterRowSchema.safeParse({
      name: "张3",
      position: "",
      phone: "1380013800",
      email: "zhangsan@",
      schoolCode: "36130000011",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      name: "姓名：不能包含「3」，只能填写汉字、英文字母和间隔号「·」",
      position: "职务：请填写，如 信息中心主任",
      phone: "联系电话：手机号应为 11 位数字（当前 10 位），请核对",
      email: "邮箱：格式不正确，请填写完整的邮箱地址，如 name@example.com",
      schoolCode: "学校标识码：应为 10 位数字（当前 11 位），请核对",
    });
  });

  it("reports missing fields in Chinese", () => {
    const result = rosterRowSchema.safeParse({});
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "姓名：请填写",
      "职务：请填写",
      "联系电话：请填写",
      "邮箱：请填写",
    ]);
  });
});

describe("fillerSchema", () => {
  it("applies the name and phone rules to the header", () => {
    expect(fillerSchema.parse({ fillerName: "王　五", fillerPhone: "+86 138 0013 8000" })).toEqual({
      fillerName: "王五",
      fillerPhone: "13800138000",
    });
    const result = fillerSchema.safeParse({ fillerName: "王", fillerPhone: "0311-123" });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "填报人：应为 2–20 个字（当前 1 个），请核对",
      "联系电话：固定电话应为区号加 7–8 位号码，如 0311-66005705，请核对",
    ]);
  });
});

describe("FIELD_LABELS", () => {
  it("uses the notice's column wording, in its order", () => {
    expect(Object.values(FIELD_LABELS)).toEqual([
      "单位名称",
      "学校教育事业统计标识码（仅学校用户填写）",
      "姓名",
      "职务",
      "联系电话",
      "邮箱",
    ]);
  });
});
