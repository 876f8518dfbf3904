import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createUnitSchema, unitCodeProblem, updateUnitSchema } from "@/lib/registry/schemas";
import { inviteUserSchema, updateUserSchema } from "@/lib/users/schemas";

// A form validates with the schema, then sends what it parsed: the parsed value must parse again to itself.
function roundTrip<S extends z.ZodType>(schema: S, input: unknown) {
  const first = schema.parse(input);
  expect(schema.parse(first)).toEqual(first);
  return first;
}

describe("the registry and people forms", () => {
  it("send back values the server accepts unchanged", () => {
    expect(roundTrip(createUnitSchema, { kind: "school", name: " 长安区  示例学校 ", code: " 3613019001 ", divisionCode: "", parentId: "5" })).toEqual({
      kind: "school",
      name: "长安区 示例学校",
      code: "3613019001",
      divisionCode: null,
      parentId: 5,
    });
    expect(roundTrip(updateUnitSchema, { unitId: "3", name: "长安区教育局", code: "130102", divisionCode: "130102" })).toMatchObject({ unitId: 3, divisionCode: "130102" });
    expect(roundTrip(inviteUserSchema, { email: " Wang.Fang@Example.COM ", name: "王 芳", unitId: "2", role: "city_officer" })).toEqual({ email: "wang.fang@example.com", name: "王芳", unitId: 2, role: "city_officer" });
    roundTrip(updateUserSchema, { userId: "9", name: "王芳", unitId: "2", role: "city_officer" });
  });

  it("checks a unit's code by its kind", () => {
    expect(unitCodeProblem("school", "36130190")).toBe("学校标识码：应为 10 位数字（当前 8 位），请核对");
    expect(unitCodeProblem("county_bureau", "130102")).toBeNull();
    expect(unitCodeProblem("city_bureau", "XA")).toBeNull();
    expect(unitCodeProblem("county_bureau", "13-01")).toBe("单位代码：应为 2–12 位数字或大写字母，如 130102");
    expect(createUnitSchema.safeParse({ kind: "college", name: "示例学院", code: "ABC", parentId: 1 }).error?.issues.map((i) => i.path.join("."))).toEqual(["code"]);
  });

  it("take no password and no field they do not know", () => {
    for (const extra of [{ password: "Jiaoyu#2021" }, { passwordHash: "x" }, { status: "active" }]) {
      expect(inviteUserSchema.safeParse({ email: "a@example.com", name: "王芳", unitId: 2, role: "city_officer", ...extra }).success).toBe(false);
    }
  });
});
