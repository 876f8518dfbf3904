import { getActor } from "@/lib/auth/current";
import { INVITE_HEADINGS } from "@/lib/users/import";
import { fileResponse } from "@/lib/downloads/response";
import { writeWorkbook, XLSX_MIME } from "@/lib/xlsx/styled-workbook";
import { may } from "@/lib/core/policy";

/** The invitation list template: the headings and one example row. */
export async function GET() {
  const actor = await getActor();
  if (!actor || !may(actor.role, "users.manage")) return new Response("未找到该页面，或您无权访问。", { status: 404 });
  const content = await writeWorkbook([{ name: "邀请名单", header: INVITE_HEADINGS, rows: [["wangfang@example.com", "王芳", "石家庄市教育局", "市级填报员"]] }]);
  return fileResponse({ content, fileName: "批量邀请模板.xlsx", contentType: XLSX_MIME });
}
