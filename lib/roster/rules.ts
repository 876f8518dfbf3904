// Validation rules for one row of 《单位系统管理员实名信息表》 and its header.
// Pure and browser-safe: the form and the server action share them through ./schemas.
// Messages say what to fix but not which field; the schemas prefix the field name.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import type { RosterEntry, UnitKind } from "@/db/schema";

export type RuleResult = { ok: true; value: string } | { ok: false; message: string };

export type PhoneKind = "mobile" | "landline";
export type PhoneResult = { ok: true; value: string; kind: PhoneKind } | { ok: false; message: string };

const fail = (message: string) => ({ ok: false as const, message });

const PHONE_HINT = "请填写 11 位手机号，或带区号的固定电话，如 0311-66005705";
const EXTENSION_MARKER = /^(.*?)(?:转|分机号?|ext\.?|x|#)(.*)$/s;
// Spaces, brackets, colons and every kind of dash people put between digit groups.
const PHONE_SEPARATORS = /[\s():\-\u2010-\u2015\u2212]/g;

// The "max" metadata is needed: the default "min" metadata only checks lengths,
// calls 1380013800 valid and cannot tell a mobile from a landline.
function classifyPhone(main: string): { value: string; kind: PhoneKind } | undefined {
  if (!/^\+?\d+$/.test(main)) return undefined;
  const number = parsePhoneNumberFromString(main, "CN");
  if (!number || number.country !== "CN" || !number.isValid()) return undefined;
  const national = number.nationalNumber;
  switch (number.getType()) {
    case "MOBILE":
      return { value: national, kind: "mobile" };
    case "FIXED_LINE": {
      // Area codes after the trunk 0: 10 and 2x have two digits, all others three.
      const area = /^(?:10|2)/.test(national) ? 2 : 3;
      return { value: `0${national.slice(0, area)}-${national.slice(area)}`, kind: "landline" };
    }
    default:
      return undefined;
  }
}

function invalidPhoneMessage(main: string): string {
  if (!main) return PHONE_HINT;
  if (!/^\+?\d+$/.test(main)) return "只能填写一个号码，且只能包含数字，如 13800138000 或 0311-66005705";
  const national = main.replace(/^(?:\+|00)?86(?=1)/, "");
  if (national.startsWith("1")) {
    return national.length === 11
      ? "不是有效的手机号，请核对号段"
      : `手机号应为 11 位数字（当前 ${national.length} 位），请核对`;
  }
  if (national.startsWith("0")) return "固定电话应为区号加 7–8 位号码，如 0311-66005705，请核对";
  return PHONE_HINT;
}

export function normalizePhone(raw: string): PhoneResult {
  const text = raw.normalize("NFKC").trim().toLowerCase();
  const strip = (s: string) => s.replace(PHONE_SEPARATORS, "");
  const marked = EXTENSION_MARKER.exec(text);
  const candidates = marked ? [{ main: strip(marked[1]), ext: strip(marked[2]) }] : [{ main: strip(text), ext: "" }];
  // Our own canonical form "0311-66005705-801" must parse back: try the last hyphen group as the extension.
  const hyphenTail = marked ? null : /^(.*)-(\d{1,6})$/.exec(text);
  if (hyphenTail) candidates.push({ main: strip(hyphenTail[1]), ext: hyphenTail[2] });

  for (const { main, ext } of candidates) {
    const phone = classifyPhone(main);
    if (!phone) continue;
    if (!ext) return { ok: true, ...phone };
    if (phone.kind === "mobile") return fail("手机号不能带分机号，请删除分机号");
    if (!/^\d{1,6}$/.test(ext)) return fail("分机号应为 1–6 位数字，如 0311-66005705 转 801");
    return { ok: true, value: `${phone.value}-${ext}`, kind: "landline" };
  }
  return fail(invalidPhoneMessage(candidates[0].main));
}

// Typed in place of the middle dot 「·」; NFKC has already folded full-width ．and ･ into these.
const NAME_DOTS = /[.•・]/g;

export function normalizeName(raw: string): RuleResult {
  const name = raw
    .normalize("NFKC")
    .replace(NAME_DOTS, "·")
    .trim()
    .replace(/\s+/g, " ")
    .replace(/ ?· ?/g, "·")
    // "张 三" is a Chinese name padded for alignment; spaces only separate Latin words.
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "");
  if (!name) return fail("请填写真实姓名（2–20 个字）");
  const bad = /[^\p{Script=Han}\p{Script=Latin}· ]/u.exec(name);
  if (bad) return fail(`不能包含「${bad[0]}」，只能填写汉字、英文字母和间隔号「·」`);
  if (/^·|·$|··/.test(name)) return fail("间隔号「·」只能用在名字的两部分之间，请核对");
  const length = [...name].length;
  if (length < 2 || length > 20) return fail(`应为 2–20 个字（当前 ${length} 个），请核对`);
  return { ok: true, value: name };
}

const EMAIL = z.email();

export function normalizeEmail(raw: string): RuleResult {
  const email = raw.normalize("NFKC").trim().toLowerCase();
  if (!email) return fail("请填写，系统管理员的账号和密码将发送到这个邮箱");
  if (email.length > 100) return fail("不能超过 100 个字符，请核对");
  if (!EMAIL.safeParse(email).success) return fail("格式不正确，请填写完整的邮箱地址，如 name@example.com");
  return { ok: true, value: email };
}

export function normalizePosition(raw: string): RuleResult {
  const position = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (!position) return fail("请填写，如 信息中心主任");
  const length = [...position].length;
  if (length > 30) return fail(`不能超过 30 个字（当前 ${length} 个），请精简`);
  return { ok: true, value: position };
}

export function normalizeSchoolCode(raw: string): RuleResult {
  const code = raw.normalize("NFKC").replace(/\s+/g, "");
  if (!code) return fail("请填写 10 位数字的学校标识码");
  if (!/^\d+$/.test(code)) return fail("应为 10 位数字，不能包含字母或符号，请核对");
  if (code.length !== 10) return fail(`应为 10 位数字（当前 ${code.length} 位），请核对`);
  return { ok: true, value: code };
}

// No published rule confirms the code's structure (36 and 41 as categories are what schools report; no
// check digit is known), so these are warnings, never errors.
// Returns nothing for a code that fails normalizeSchoolCode: its error says enough.
// lib/roster/queries.ts counts the same two warnings in SQL for the review queue, from these constants.
export const SCHOOL_CODE_PROVINCE = "13";
export const SCHOOL_CODE_CATEGORIES = ["36", "41"];

export function schoolCodeWarnings(code: string): string[] {
  const result = normalizeSchoolCode(code);
  if (!result.ok) return [];
  const warnings: string[] = [];
  if (result.value.slice(2, 4) !== SCHOOL_CODE_PROVINCE) warnings.push("第 3–4 位应为 13（河北省），请核对");
  if (!SCHOOL_CODE_CATEGORIES.includes(result.value.slice(0, 2))) {
    warnings.push("第 1–2 位通常为 36（中等职业学校）或 41（高等学校），请核对");
  }
  return warnings;
}

/** What a person fills in on a row (the unit name comes from the registry). */
export const ROW_FIELDS = ["name", "position", "phone", "email", "schoolCode"] as const;

export type RowField = (typeof ROW_FIELDS)[number];
export type RowValues = Pick<RosterEntry, RowField>;

/** Whether a unit's kind allows the code: schools need one, bureaus must leave it blank. Null when it fits. */
export function schoolCodeProblem(kind: UnitKind, schoolCode: string | null): string | null {
  const isSchool = kind === "school" || kind === "college";
  if (isSchool && !schoolCode) return "学校标识码：学校须填写 10 位学校标识码";
  if (!isSchool && schoolCode) return "学校标识码：仅学校填写，教育行政部门请留空";
  return null;
}
