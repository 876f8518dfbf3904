import { getActor } from "@/lib/auth/current";
import { SCHOOL_HEADINGS } from "@/lib/registry/import";
import { fileResponse } from "@/lib/downloads/response";
import { writeWorkbook, XLSX_MIME } from "@/lib/xlsx/styled-workbook";
import { may } from "@/lib/core/policy";

/** The school list template: the headings and one example row. */
export async function GET() {
  const actor = await getActor();
  if (!actor || !may(actor.role, "units.manage")) return new Response("未找到该页面，或您无权访问。", { status: 404 });
  const example = ["河北省示例职业技术学校", "3613019999", "130102", "长安区教育局", "否"];
  const content = await writeWorkbook([{ name: "学校名单", header: SCHOOL_HEADINGS, rows: [example] }]);
  return fileResponse({ content, fileName: "学校名单导入模板.xlsx", contentType: XLSX_MIME });
}
