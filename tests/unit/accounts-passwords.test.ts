import { describe, expect, it } from "vitest";
import { contextWords, passwordStrengthProblem } from "@/lib/accounts/passwords";

const CITY = { email: "wang.fang@sjz.example.cn", unitName: "石家庄市教育局" };

describe("the server's password rules", () => {
  it("refuses common passwords that pass the character-class rule", () => {
    for (const password of ["Password1", "Qwerty@123", "P@ssw0rd2021", "Abcd1234!"]) {
      expect(passwordStrengthProblem(password, CITY), password).toMatch(/过于常见|容易被猜到/);
    }
  });

  it("refuses the province, 教育厅, the email's name and the unit's name or pinyin", () => {
    for (const password of ["Hebei@2021", "河北Edu#2021x", "Jiaoyuting#88a", "教育厅Ab#12345", "Wangfang!8831", "Shijiazhuang#7391", "SJZ石家庄@2021a"]) {
      expect(passwordStrengthProblem(password, CITY), password).toMatch(/^密码不能包含(您的邮箱|省份、「教育厅」、邮箱名或单位名称（含拼音）)，请换一个$/);
    }
  });

  it("accepts a long password unrelated to the person", () => {
    expect(passwordStrengthProblem("Kp4$wq9!Lm2z", CITY)).toBeNull();
    expect(passwordStrengthProblem("Xq7#Lz9mVc!2", { email: "li@example.com", unitName: "河北省示例机电工程学校" })).toBeNull();
  });

  it("keeps the form's own rules first", () => {
    expect(passwordStrengthProblem("Ab1!", CITY)).toBe("密码至少 8 位，请加长");
    expect(passwordStrengthProblem("alllowercase1", CITY)).toBe("密码须包含大写字母、小写字母、数字、符号中的至少 3 类");
  });

  it("derives the place a unit is named after, in characters and pinyin", () => {
    const words = contextWords({ email: "changan@demo.baosong.cn", unitName: "长安区教育局" });
    expect(words).toEqual(expect.arrayContaining(["hebei", "教育厅", "changan", "长安区教育局", "长安", "changanqujiaoyuju"]));
    expect(words.every((w) => w.length >= 2)).toBe(true);
  });
});
