import { getDb } from "@/db";
import { getActor } from "@/lib/auth/current";
import { bulletinWorkbook } from "@/lib/bulletins/export";
import { getBulletinForActor } from "@/lib/bulletins/queries";
import { parseId } from "@/lib/ids";
import { compactDate } from "@/lib/time";
import { xlsxDownload } from "@/lib/xlsx/workbook";

/** The bulletin as .xlsx, for whoever may read it. */
export async function GET(_request: Request, { params }: { params: Promise<{ bulletinId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const bulletinId = parseId((await params).bulletinId);
  const bulletin = bulletinId && (await getBulletinForActor({ db: getDb(), actor, bulletinId }));
  if (!bulletin) return new Response("未找到该通报，或您无权访问。", { status: 404 });
  return xlsxDownload(bulletinWorkbook(bulletin.title, bulletin.data), `${bulletin.title}_${compactDate(bulletin.generatedAt)}.xlsx`);
}
