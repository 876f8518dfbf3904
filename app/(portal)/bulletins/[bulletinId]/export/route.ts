import { bulletinWorkbook } from "@/lib/bulletins/export";
import { trainingBulletinData } from "@/lib/training/figures/bulletin";
import { trainingBulletinWorkbook } from "@/lib/training/figures/bulletin-export";
import { verificationBulletinData } from "@/lib/verification/figures/bulletin";
import { verificationBulletinWorkbook } from "@/lib/verification/figures/bulletin-export";
import type { SheetSpec } from "@/lib/xlsx/styled-workbook";
import { getBulletinForActor } from "@/lib/bulletins/queries";
import { parseId } from "@/lib/ids";
import { compactDate } from "@/lib/time";
import { auditedDownload } from "@/lib/downloads/serve";
import { xlsxBody } from "@/lib/xlsx/styled-workbook";

/** The bulletin as .xlsx, for whoever may read it; audited like every export. */
export async function GET(_request: Request, { params }: { params: Promise<{ bulletinId: string }> }) {
  const bulletinId = parseId((await params).bulletinId);
  return auditedDownload("bulletin.export", async (tx, actor) => {
    const bulletin = bulletinId && (await getBulletinForActor({ db: tx, actor, bulletinId }));
    // One generated under the earlier definitions has no file as they are now (its page says so).
    if (!bulletin || !bulletin.data) return null;
    const { data } = bulletin;
    // Each kind of task lays its bulletin out in its own sheets.
    const [sheets, rows]: [SheetSpec[], number] = !("kind" in data)
      ? [bulletinWorkbook(bulletin.title, data), data.reportingUnits.rows.length + data.citySchools.rows.length]
      : data.kind === "verification"
        ? [verificationBulletinWorkbook(bulletin.title, verificationBulletinData(data)), verificationBulletinData(data).tally.reporting.length]
        : [trainingBulletinWorkbook(bulletin.title, trainingBulletinData(data)), trainingBulletinData(data).tally.reporting.length];
    return {
      ...xlsxBody(sheets),
      fileName: `${bulletin.title}_${compactDate(bulletin.generatedAt)}.xlsx`,
      rows,
      target: { type: "bulletin", id: bulletin.id },
    };
  });
}
