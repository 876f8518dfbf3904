import { describe, expect, it } from "vitest";
import { planSchools, type RegistryUnit } from "@/lib/registry/import";
import type { TableRow } from "@/lib/xlsx/parse";
import { countStatuses } from "@/lib/xlsx/pipeline";

const unit = (u: Partial<RegistryUnit> & Pick<RegistryUnit, "id" | "code" | "name" | "kind">): RegistryUnit => ({
  reportingParentId: null,
  divisionCode: null,
  schoolCode: null,
  provinceAffiliated: false,
  active: true,
  ...u,
});

const REGISTRY: RegistryUnit[] = [
  unit({ id: 1, code: "13", name: "河北省教育厅", kind: "province_bureau", divisionCode: "13" }),
  unit({ id: 2, code: "1301", name: "石家庄市教育局", kind: "city_bureau", reportingParentId: 1, divisionCode: "1301" }),
  unit({ id: 3, code: "130102", name: "长安区教育局", kind: "county_bureau", reportingParentId: 2, divisionCode: "130102" }),
  unit({ id: 4, code: "130104", name: "桥西区教育局", kind: "county_bureau", reportingParentId: 2, divisionCode: "130104", active: false }),
  unit({ id: 5, code: "3613010002", name: "长安区示例职业中学", kind: "school", reportingParentId: 3, divisionCode: "130102", schoolCode: "3613010002" }),
  unit({ id: 6, code: "3613000001", name: "河北省示例机电工程学校", kind: "school", reportingParentId: 1, divisionCode: "1301", schoolCode: "3613000001", provinceAffiliated: true }),
];

type Values = { name: string; schoolCode: string; divisionCode: string; parent: string; affiliated: string };
let line = 1;
const row = (values: Partial<Values>): TableRow<keyof Values> => ({
  line: ++line,
  values: { name: "石家庄市示例新建职业学校", schoolCode: "3613019001", divisionCode: "130102", parent: "长安区教育局", affiliated: "否", ...values },
  cellErrors: {},
  filled: true,
});

function plan(...rows: TableRow<keyof Values>[]) {
  return planSchools(rows, REGISTRY);
}

describe("planSchools", () => {
  it("adds a new school under the bureau named in 隶属单位, found by name, loose name or code", () => {
    const { rows, writes } = plan(
      row({ schoolCode: "3613019001", parent: "长安区教育局" }),
      row({ schoolCode: "3613019002", parent: " 长安区 教育局 " }),
      row({ schoolCode: "3613019003", parent: "130102" }),
    );
    expect(rows.map((r) => [r.status, r.errors])).toEqual([
      ["new", []],
      ["new", []],
      ["new", []],
    ]);
    expect(writes.map((w) => w.values)).toEqual(
      ["3613019001", "3613019002", "3613019003"].map((schoolCode) => ({
        name: "石家庄市示例新建职业学校",
        schoolCode,
        divisionCode: "130102",
        parentId: 3,
        provinceAffiliated: false,
        kind: "school",
      })),
    );
    expect(countStatuses(rows)).toEqual({ new: 3, changed: 0, unchanged: 0, blank: 0, error: 0 });
  });

  it("puts a province-affiliated school directly under the province, and a 41 code is a college", () => {
    const { writes } = plan(row({ schoolCode: "4113009001", parent: "", affiliated: "是", divisionCode: "1301" }));
    expect(writes[0].values).toMatchObject({ parentId: 1, provinceAffiliated: true, kind: "college" });
  });

  it("updates a school already in the registry by its code, listing what changes", () => {
    const { rows, writes } = plan(row({ name: "长安区示例职业技术学校", schoolCode: "3613010002", parent: "石家庄市教育局", divisionCode: "130102" }));
    expect(rows[0]).toMatchObject({ status: "changed", errors: [] });
    expect(rows[0].changes).toEqual(["学校名称：长安区示例职业中学 → 长安区示例职业技术学校", "隶属单位：长安区教育局 → 石家庄市教育局"]);
    expect(writes).toHaveLength(1);
    expect(writes[0].existing?.id).toBe(5);
  });

  it("leaves an identical school alone", () => {
    const { rows, writes } = plan(row({ name: "长安区示例职业中学", schoolCode: "3613010002", parent: "长安区教育局", divisionCode: "130102" }));
    expect(rows[0].status).toBe("unchanged");
    expect(writes).toEqual([]);
  });

  it("marks every row of a school code used twice, and writes neither", () => {
    const { rows, writes } = plan(row({ schoolCode: "3613019001" }), row({ schoolCode: "3613019005" }), row({ schoolCode: " 3613019001 " }));
    const [first, , third] = rows;
    expect(first.status).toBe("error");
    expect(third.status).toBe("error");
    expect(first.errors).toEqual([`学校标识码：3613019001 在第 ${first.line}、${third.line} 行重复出现，每所学校只能填一行`]);
    expect(writes.map((w) => w.values.schoolCode)).toEqual(["3613019005"]);
    expect(countStatuses(rows).error).toBe(2);
  });

  it("refuses a 隶属单位 the registry does not have, an inactive one, and a school as a parent", () => {
    const { rows } = plan(row({ parent: "不存在区教育局" }), row({ parent: "桥西区教育局", schoolCode: "3613019002" }), row({ parent: "长安区示例职业中学", schoolCode: "3613019003" }));
    expect(rows.map((r) => r.errors)).toEqual([
      ["隶属单位：单位库中没有「不存在区教育局」，请核对名称或代码，或先在「单位管理」中新增该单位"],
      ["隶属单位：「桥西区教育局」已停用，请填写启用中的单位"],
      ["隶属单位：「长安区示例职业中学」是学校，学校不能隶属于学校，请填写教育局"],
    ]);
  });

  it("keeps 是否省属 and 隶属单位 consistent", () => {
    const { rows } = plan(
      row({ affiliated: "是", parent: "长安区教育局" }),
      row({ affiliated: "否", parent: "河北省教育厅", schoolCode: "3613019002" }),
      row({ affiliated: "否", parent: "", schoolCode: "3613019003" }),
      row({ affiliated: "不详", schoolCode: "3613019004" }),
    );
    expect(rows.map((r) => r.status)).toEqual(["error", "error", "error", "error"]);
    expect(rows[0].errors[0]).toContain("省属学校直接隶属于省教育厅");
    expect(rows[1].errors[0]).toContain("请把「是否省属」改为「是」");
    expect(rows[2].errors[0]).toContain("请填写学校所隶属的");
    expect(rows[3].errors[0]).toBe("是否省属：请填写「是」或「否」");
  });

  it("checks names, codes and county codes with the registry's own rules", () => {
    const { rows } = plan(row({ name: "", schoolCode: "36130190" }), row({ divisionCode: "139999", schoolCode: "3613019009" }), row({ schoolCode: "1302000001" }));
    expect(rows[0].errors).toEqual(["学校名称：请填写完整的单位名称（至少 2 个字）", "学校标识码：应为 10 位数字（当前 8 位），请核对"]);
    expect(rows[1].errors).toEqual(["所在县区代码：139999 不是单位库中的市或县（区）代码，请核对"]);
    // The code's structure is not confirmed: an unusual code is a warning only.
    expect(rows[2]).toMatchObject({ status: "new", errors: [] });
    expect(rows[2].warnings.join()).toContain("第 3–4 位应为 13");
  });

  it("reports a cell Excel shows as an error value", () => {
    const bad = { ...row({ parent: "" }), cellErrors: { parent: "#REF!" } };
    expect(plan(bad).rows[0].errors).toContain("隶属单位：单元格是错误值 #REF!，请改为文字");
  });
});
