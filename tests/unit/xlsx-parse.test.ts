import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { planRosterRows, ROSTER_TABLE, type ScopeUnit } from "@/lib/xlsx/analyze";
import { REFUSALS, UploadRefusal } from "@/lib/xlsx/guard";
import { IMPORT_MAX_ROWS, tooManyRowsMessage } from "@/lib/xlsx/limits";
import type { MatchableUnit } from "@/lib/xlsx/match";
import { parseTable } from "@/lib/xlsx/parse";
import { countStatuses, errorList } from "@/lib/xlsx/pipeline";
import { EXE, encryptedWorkbook, fillTemplate, gbk, HEADER, person, templateOf, withExtraPart, xlsxFrom } from "./xlsx-fixtures";

const STORED = { name: "赵敏", position: "科长", phone: "13800138000", email: "zhaomin@example.com", schoolCode: "4113000001", version: 3, updatedAt: new Date(), updatedByName: "刘海燕" };
const SCOPE: ScopeUnit[] = [
  { id: 1, name: "石家庄市教育局", kind: "city_bureau", schoolCode: null, entry: null },
  { id: 2, name: "长安区教育局", kind: "county_bureau", schoolCode: null, entry: null },
  { id: 3, name: "石家庄市示例职业技术教育中心", kind: "school", schoolCode: "3613010001", entry: null },
  { id: 4, name: "河北示例工业职业技术学院（中职部）", kind: "college", schoolCode: "4113000001", entry: STORED },
];
const OTHERS: MatchableUnit[] = [{ id: 9, name: "唐山市示例职业教育中心", kind: "school", schoolCode: "3613020001" }];

const parseImport = (bytes: Buffer) => parseTable(bytes, ROSTER_TABLE);

/** The roster's plan of a file, with the counts and the error list the preview shows. */
function analyze(bytes: Buffer) {
  const plan = planRosterRows(parseImport(bytes).rows, { scope: SCOPE, others: OTHERS, scopeName: "石家庄市教育局" });
  return { ...plan, counts: countStatuses(plan.rows), errors: errorList(plan.rows) };
}

function refusalOf(bytes: Buffer): string {
  try {
    parseImport(bytes);
  } catch (error) {
    if (error instanceof UploadRefusal) return error.message;
    throw error;
  }
  throw new Error("expected a refusal");
}

const p1 = person(1);
const p2 = person(2);

describe("reading the table", () => {
  it("reads the downloaded template filled back in, below its title rows and above its notes", async () => {
    const template = await templateOf(SCOPE.map((u) => ({ unitName: u.name, schoolCode: u.schoolCode })));
    const filled = fillTemplate(template, (unit) =>
      unit === "石家庄市教育局" ? { ...p1, phone: 13800138001 } : unit === "石家庄市示例职业技术教育中心" ? p2 : undefined,
    );
    const parsed = parseImport(filled);
    expect(parsed.headerRow).toBe(4);
    expect(parsed.rows.map((r) => r.line)).toEqual([6, 7, 8, 9]);

    const { rows, errors, counts, writes, seen } = analyze(filled);
    expect(errors).toEqual([]);
    expect(counts).toEqual({ new: 2, changed: 0, unchanged: 0, blank: 2, error: 0 });
    expect(rows[0]).toMatchObject({ line: 6, status: "new", values: { unitName: "石家庄市教育局", ...p1, phone: "13800138001", schoolCode: "" } });
    expect(writes.map((w) => [w.unit.id, w.values.phone, w.values.schoolCode])).toEqual([
      [1, "13800138001", null],
      [3, p2.phone, "3613010001"],
    ]);
    expect(seen).toEqual([
      [1, null],
      [3, null],
    ]);
  });

  it("finds a header with its columns reordered, full-width letters, spaces and line breaks, and ignores other columns", () => {
    const bytes = xlsxFrom([
      {
        name: "名单",
        rows: [
          ["单位系统管理员实名信息表"],
          [],
          ["填报人：张三"],
          ["序号", "Ｅ－mail", " 姓 名 ", "身份证号", "联系\n电话", "职　务", "学校教育事业统计\n标识码（仅学校用\n户填写）", "单位 名称"],
          [1, p1.email, p1.name, "130102199001011234", p1.phone, p1.position, "", "石家庄市教育局"],
          [2, p2.email, p2.name, "130102199002022345", p2.phone, p2.position, "3613010001", "石家庄市示例职业技术教育中心"],
        ],
      },
    ]);
    const parsed = parseImport(bytes);
    expect(parsed.columns).toEqual({ email: 1, name: 2, phone: 4, position: 5, schoolCode: 6, unitName: 7 });
    // The identity numbers never leave the parser.
    expect(JSON.stringify(parsed.rows)).not.toContain("1990");
    const { errors, counts, writes } = analyze(bytes);
    expect(JSON.stringify(analyze(bytes))).not.toContain("1990");
    expect(errors).toEqual([]);
    expect(counts.new).toBe(2);
    expect(writes.map((w) => w.values.email)).toEqual([p1.email, p2.email]);
  });

  it("takes the data from whichever sheet has the header", () => {
    const bytes = xlsxFrom([
      { name: "填表说明", rows: [["请在第二个工作表填写"], ["各单位系统管理员仅限一名"]] },
      { name: "数据", rows: [HEADER, ["石家庄市教育局", "", p1.name, p1.position, p1.phone, p1.email]] },
    ]);
    expect(parseImport(bytes).sheetName).toBe("数据");
    expect(analyze(bytes).counts.new).toBe(1);
  });

  it("reads full-width digits in the school code and the phone number", () => {
    const bytes = xlsxFrom([{ name: "s", rows: [HEADER, ["示例学校（名称写错也能按标识码找到）", "３６１３０１０００１", p1.name, p1.position, "１３８ ００１３ ８０００", p1.email]] }]);
    const { errors, writes } = analyze(bytes);
    expect(errors).toEqual([]);
    expect(writes[0]).toMatchObject({ unit: { id: 3 }, values: { schoolCode: "3613010001", phone: "13800138000" } });
  });

  it("reads a legacy .xls file", () => {
    const bytes = xlsxFrom([{ name: "s", rows: [HEADER, ["长安区教育局", "", p1.name, p1.position, p1.phone, p1.email]] }], "xls");
    expect(parseImport(bytes).kind).toBe("xls");
    expect(analyze(bytes).writes.map((w) => w.unit.id)).toEqual([2]);
  });

  it("reads CSV in UTF-8 with or without a BOM and in GB18030, quoted fields included", () => {
    const text = [HEADER.join(","), `"长安区教育局","","买买提·艾力","科长,兼信息员","${p1.phone}","${p1.email}"`, `石家庄市示例职业技术教育中心,3613010001,${p2.name},"主任""信息""",${p2.phone},${p2.email}`].join("\r\n");
    const variants = [Buffer.from(`\ufeff${text}`, "utf8"), Buffer.from(text, "utf8"), gbk(text)];
    expect(variants[2].equals(variants[1])).toBe(false);
    for (const bytes of variants) {
      expect(parseImport(bytes).kind).toBe("csv");
      const { errors, writes } = analyze(bytes);
      expect(errors).toEqual([]);
      expect(writes.map((w) => [w.unit.id, w.values.name, w.values.position])).toEqual([
        [2, "买买提·艾力", "科长,兼信息员"],
        [3, p2.name, '主任"信息"'],
      ]);
    }
  });

  it("takes a formula's cached value and reports a formula error or a formula without a value on its row", () => {
    const sheet = XLSX.utils.aoa_to_sheet([HEADER, ["石家庄市教育局", "", p1.name, p1.position, "", p1.email], ["长安区教育局", "", p2.name, p2.position, "", p2.email], ["石家庄市示例职业技术教育中心", "3613010001", "李四", "主任", "", "lisi@example.com"]]);
    sheet.E2 = { t: "n", v: 13800138000, f: "13800138000*1" };
    sheet.E3 = { t: "e", v: 0x17, f: "#REF!+1" };
    sheet.E4 = { t: "n", f: "A1*2" } as XLSX.CellObject;
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, "s");
    const { rows, errors } = analyze(XLSX.write(workbook, { type: "buffer", bookType: "xlsx" }) as Buffer);
    expect(rows[0]).toMatchObject({ status: "new", values: { phone: "13800138000" } });
    expect(errors).toEqual(["第 3 行 联系电话：单元格是错误值「#REF!」（公式无法计算），请直接填写内容", "第 4 行 联系电话：单元格是错误值「公式没有计算结果」（公式无法计算），请直接填写内容"]);
  });
});

describe("matching and validating rows", () => {
  it("matches by school code, then the exact name, then the name without spaces and brackets", () => {
    const bytes = xlsxFrom([
      {
        name: "s",
        rows: [
          HEADER,
          ["随便写的名字", "3613010001", p1.name, p1.position, p1.phone, p1.email],
          ["长安区教育局", "", p2.name, p2.position, p2.phone, p2.email],
          [" 河北示例工业职业技术学院 (中职部) ", "", STORED.name, STORED.position, STORED.phone, STORED.email],
        ],
      },
    ]);
    const { rows, errors } = analyze(bytes);
    expect(rows.map((r) => r.values.unitName)).toEqual(["石家庄市示例职业技术教育中心", "长安区教育局", "河北示例工业职业技术学院（中职部）"]);
    // The college's code is blank in the file, so it fails the form's rule for schools, as the form would.
    expect(errors).toEqual(["第 4 行 学校标识码：学校须填写 10 位学校标识码"]);
  });

  it("compares with the stored row: unchanged, or changed with the fields that differ", () => {
    const row = (position: string) => ["河北示例工业职业技术学院（中职部）", "4113000001", STORED.name, position, STORED.phone, STORED.email];
    expect(analyze(xlsxFrom([{ name: "s", rows: [HEADER, row(STORED.position)] }]))).toMatchObject({ counts: { unchanged: 1 }, writes: [], seen: [[4, 3]] });
    expect(analyze(xlsxFrom([{ name: "s", rows: [HEADER, row("副校长")] }])).rows[0]).toMatchObject({ status: "changed", changes: ["职务：科长 → 副校长"] });
  });

  it("reports each wrong row as 「第 N 行 列名：……」 with the form's messages", () => {
    const bytes = xlsxFrom([
      {
        name: "s",
        rows: [
          ["标题"],
          HEADER,
          ["石家庄市教育局", "3613010009", "张", p1.position, "1380013800", "not-an-email"],
          ["唐山市示例职业教育中心", "3613020001", p2.name, p2.position, p2.phone, p2.email],
          ["不存在的教育局", "", p2.name, p2.position, p2.phone, p2.email],
          ["长安区教育局", "", p1.name, p1.position, p1.phone, p1.email],
          ["长安区教育局", "", p2.name, p2.position, p2.phone, p2.email],
        ],
      },
    ]);
    const { errors, counts, writes } = analyze(bytes);
    expect(errors).toEqual([
      "第 3 行 姓名：应为 2–20 个字（当前 1 个），请核对",
      "第 3 行 联系电话：手机号应为 11 位数字（当前 10 位），请核对",
      "第 3 行 邮箱：格式不正确，请填写完整的邮箱地址，如 name@example.com",
      "第 4 行 单位名称：「唐山市示例职业教育中心」不属于石家庄市教育局的报送范围，请删除这一行，由该单位所属的报送单位填报",
      "第 5 行 单位名称：未找到「不存在的教育局」，请与「下载模板」中的单位名称或学校标识码核对",
      "第 7 行 单位名称：「长安区教育局」已在第 6 行填写，每个单位只能有一名系统管理员，请只保留一行",
    ]);
    expect(counts).toMatchObject({ error: 4, new: 1 });
    expect(writes).toHaveLength(1);
  });

  it("gives a unit name merged over two rows to both, which makes the second a duplicate", () => {
    const bytes = xlsxFrom([
      {
        name: "s",
        rows: [HEADER, ["长安区教育局", "", p1.name, p1.position, p1.phone, p1.email], ["", "", p2.name, p2.position, p2.phone, p2.email]],
        merges: [{ s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }],
      },
    ]);
    expect(analyze(bytes).errors).toEqual(["第 3 行 单位名称：「长安区教育局」已在第 2 行填写，每个单位只能有一名系统管理员，请只保留一行"]);
  });

  it("refuses a bureau with a school code", () => {
    const bytes = xlsxFrom([{ name: "s", rows: [HEADER, ["长安区教育局", "3613010002", p1.name, p1.position, p1.phone, p1.email]] }]);
    expect(analyze(bytes).errors).toEqual(["第 2 行 学校标识码：仅学校填写，教育行政部门请留空"]);
  });
});

describe("refusing files", () => {
  const valid = xlsxFrom([{ name: "s", rows: [HEADER, ["长安区教育局", "", p1.name, p1.position, p1.phone, p1.email]] }]);

  it("refuses an empty file, an .exe renamed .xlsx and a web page", () => {
    expect(refusalOf(Buffer.alloc(0))).toBe(REFUSALS.empty);
    expect(refusalOf(EXE)).toBe(REFUSALS.notSpreadsheet);
    expect(refusalOf(Buffer.from("<html><body><table><tr><td>单位名称</td></tr></table></body></html>"))).toBe(REFUSALS.notSpreadsheet);
  });

  it("refuses a truncated .xlsx as corrupt", () => {
    expect(refusalOf(valid.subarray(0, Math.floor(valid.length / 2)))).toBe(REFUSALS.corrupt);
    expect(refusalOf(valid.subarray(0, valid.length - 10))).toBe(REFUSALS.corrupt);
  });

  it("refuses a zip that is not a workbook, and an encrypted workbook", () => {
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, "word/document.xml", Buffer.from("<w:document/>"));
    XLSX.CFB.utils.cfb_add(zip, "[Content_Types].xml", Buffer.from("<Types/>"));
    expect(refusalOf(Buffer.from(XLSX.CFB.write(zip, { fileType: "zip", type: "buffer" }) as Buffer))).toBe(REFUSALS.notSpreadsheet);
    expect(refusalOf(encryptedWorkbook())).toBe(REFUSALS.encrypted);
  });

  it("refuses a zip whose parts inflate past 50 MB, whether it says so or lies about it", () => {
    const honest = withExtraPart(valid, 60 * 1024 * 1024);
    expect(honest.length).toBeLessThan(1024 * 1024);
    expect(refusalOf(honest)).toBe(REFUSALS.inflated);
    expect(refusalOf(withExtraPart(valid, 60 * 1024 * 1024, { declare: 1000 }))).toBe(REFUSALS.inflated);
    // A small extra part is fine: the limit is about size, not about extra parts.
    expect(parseImport(withExtraPart(valid, 1024)).rows).toHaveLength(1);
  });

  it("refuses a workbook that inflates to more than 20 times its size once it passes a few MB", () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ["A".repeat(3000) + i]);
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([HEADER, ...rows]), "Sheet1");
    const bomb = XLSX.write(workbook, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer;
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(refusalOf(bomb)).toBe(REFUSALS.inflated);
  });

  it("refuses workbooks that carry macros, whatever their name", () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([HEADER, ["石家庄市教育局", "", "王芳", "信息中心主任", "13800138000", "wangfang@example.com"]]), "Sheet1");
    const vba = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(vba, "/VBA/dir", Buffer.from("Attribute VB_Name"));
    (workbook as XLSX.WorkBook & { vbaraw?: unknown }).vbaraw = XLSX.CFB.write(vba, { type: "buffer" });
    const xlsm = XLSX.write(workbook, { type: "buffer", bookType: "xlsm", bookVBA: true }) as Buffer;
    expect(refusalOf(xlsm)).toBe(REFUSALS.macros);
    expect(refusalOf(XLSX.write(workbook, { type: "buffer", bookType: "xls", bookVBA: true }) as Buffer)).toBe(REFUSALS.macros);
  });

  it("refuses more than 5,000 rows and accepts exactly 5,000", { timeout: 30_000 }, () => {
    const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => [`学校${i}`, "", p1.name, p1.position, p1.phone, p1.email])];
    expect(refusalOf(xlsxFrom([{ name: "s", rows: rows(IMPORT_MAX_ROWS + 1) }]))).toBe(tooManyRowsMessage(5001));
    expect(tooManyRowsMessage(5001)).toMatch(/^一次最多导入 5000 行（当前 5001 行）。/);
    expect(parseImport(xlsxFrom([{ name: "s", rows: rows(IMPORT_MAX_ROWS) }])).rows).toHaveLength(IMPORT_MAX_ROWS);
    // Far too long: refused from the zip's sheet before SheetJS reads it.
    expect(refusalOf(xlsxFrom([{ name: "s", rows: rows(IMPORT_MAX_ROWS * 3) }]))).toBe(tooManyRowsMessage());
    expect(refusalOf(Buffer.from(rows(IMPORT_MAX_ROWS * 3).map((r) => r.join(",")).join("\n")))).toBe(tooManyRowsMessage());
  });

  it("refuses a sheet without the header, a header missing a column, and a table with nobody filled in", async () => {
    expect(refusalOf(xlsxFrom([{ name: "s", rows: [["姓名", "电话"], ["张三", "13800138000"]] }]))).toMatch(/^没有找到表头/);
    expect(refusalOf(xlsxFrom([{ name: "s", rows: [["单位名称", "姓名", "联系电话", "邮箱"], ["长安区教育局", "张三", "13800138000", "a@b.cn"]] }]))).toBe(
      "工作表「s」第 1 行的表头缺少 「职务」 列，请补上后再导入。",
    );
    expect(refusalOf(await templateOf(SCOPE.map((u) => ({ unitName: u.name, schoolCode: u.schoolCode }))))).toMatch(/^表格中没有填写任何管理员信息/);
  });
});
