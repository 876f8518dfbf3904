import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/accounts/password-rules";

const personal = { email: "wang.wei@example.com", unitName: "石家庄市教育局" };

describe("passwordProblem", () => {
  it.each([
    ["Jiaoyu#2021", null],
    ["jiaoyu#2021", null],
    ["JIAOYU2021x", null],
    ["Ab1!Ab1!", null],
  ])("accepts %s (8+ characters, 3 of the 4 kinds)", (password, expected) => {
    expect(passwordProblem(password, personal)).toBe(expected);
  });

  it.each([
    ["Ab1!xyz", "至少 8 位"],
    ["abcdefgh12", "至少 3 类"],
    ["ABCDEFGH!!", "至少 3 类"],
    ["abcdefgh!!", "至少 3 类"],
    ["12345678!!", "至少 3 类"],
  ])("refuses %s", (password, message) => {
    expect(passwordProblem(password, personal)).toContain(message);
  });

  it("refuses the email, its name part, and the unit's name, whatever the case or punctuation", () => {
    expect(passwordProblem("Wang.Wei@Example.com", personal)).toContain("邮箱");
    expect(passwordProblem("WangWei#2021", personal)).toContain("邮箱");
    expect(passwordProblem("石家庄市教育局Ab1", personal)).toContain("单位名称");
    expect(passwordProblem("石家庄市 教育局 a1!", personal)).toContain("单位名称");
  });
});
