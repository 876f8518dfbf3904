import "server-only";
import * as XLSX from "xlsx";
import { getCompleteWorkspaceForActor } from "@/lib/roster/queries";
import { TABLE_TITLE } from "@/lib/roster/template";
import { compactDate } from "@/lib/time";
import { importableSubmission, rosterImport } from "./commands";
import type { BuildDownload } from "@/lib/downloads/audited";
import { may } from "@/lib/core/policy";
import { getExportableCampaigns, getProvinceRosterByCampaign } from "./queries";
import { officialTableWorkbook, provinceRosterWorkbook } from "./tables";
import { ERROR_COLUMN_LABEL, errorReportOf } from "./pipeline";
import { type CellValue, exportWatermark, xlsxBody } from "./styled-workbook";

/**
 * The notice's table for a submission with the rows the actor may see (a county sees its own part of its
 * city's table) and what they hold: the template is filled in and imported again, the export printed.
 */
function officialTable(submissionId: number, kind: "template" | "export"): BuildDownload {
  return async (tx, actor, now) => {
    const workspace = await getCompleteWorkspaceForActor({ db: tx, actor, submissionId });
    if (!workspace) return null;
    const { submission, rows } = workspace;
    const filled = rows.filter((r) => r.entry).length;
    const workbook = officialTableWorkbook({
      reportingUnitName: submission.unitName,
      fillerName: submission.fillerName,
      fillerPhone: submission.fillerPhone,
      rows: rows.map((r) => ({ unitName: r.unitName, schoolCode: r.registrySchoolCode, entry: r.entry })),
      notes: submission.tableNotes,
      // Only a file with people's data in it is marked as such.
      watermark: filled > 0 ? exportWatermark(actor, now) : undefined,
    });
    const fileName = `${TABLE_TITLE}${kind === "template" ? "（模板）" : ""}-${submission.unitName}-${compactDate(now)}.xlsx`;
    return { ...xlsxBody(workbook), fileName, rows: filled, personal: true, target: { type: "submission", id: submission.id } };
  };
}

export const templateDownload = (submissionId: number) => officialTable(submissionId, "template");
export const submissionExport = (submissionId: number) => officialTable(submissionId, "export");

export function provinceExport(campaignId: number): BuildDownload {
  return async (tx, actor, now) => {
    if (!may(actor.role, "exports.province")) return null;
    const [campaign] = (await getExportableCampaigns({ db: tx, actor })).filter((c) => c.id === campaignId);
    if (!campaign) return null;
    const rows = await getProvinceRosterByCampaign({ db: tx, actor, campaignId });
    return {
      ...xlsxBody(provinceRosterWorkbook(rows, exportWatermark(actor, now))),
      fileName: `${TABLE_TITLE}-全省汇总-${compactDate(now)}.xlsx`,
      rows: rows.length,
      personal: true,
      target: { type: "campaign", id: campaign.id },
    };
  };
}

/**
 * The uploaded workbook handed back with 错误说明 beside each row that has errors, its cells as the import
 * read them (at the rows Excel numbered, which the errors name). Throws DomainError for a refused file.
 */
export function importErrorReport(submissionId: number, file: File, sheet?: string): BuildDownload {
  return async (tx, actor) => {
    const { submission, delegateRows } = await importableSubmission(tx, actor, submissionId);
    const { workbook, errorRows } = await errorReportOf(tx, rosterImport(submission, delegateRows), { file, sheet });
    const sheets = workbook.SheetNames.map((name) => ({
      name,
      rows: XLSX.utils.sheet_to_json<CellValue[]>(workbook.Sheets[name], { header: 1, range: 0, raw: false, rawNumbers: true, defval: null, blankrows: true }),
    }));
    const base = file.name.replace(/\.[^.]*$/, "").slice(0, 80) || "导入文件";
    return { ...xlsxBody(sheets), fileName: `${base}-${ERROR_COLUMN_LABEL}.xlsx`, rows: errorRows, target: { type: "submission", id: submission.id } };
  };
}
