import type { SheetSpec } from "@/lib/xlsx/styled-workbook";
import { textSheet } from "@/lib/bulletins/export";
import { tableSheets } from "@/lib/bulletins/kind-tables";
import { VERIFICATION_BULLETIN_NOTES, VERIFICATION_BULLETIN_TABLES, VERIFICATION_TABLE_CAPTIONS, type VerificationBulletinData, verificationBulletinCells, verificationBulletinOpening } from "./bulletin";

/** A verification bulletin as an .xlsx: one sheet per table (title, caption, header, rows, 合计) and one with the text. */
export function verificationBulletinWorkbook(title: string, data: VerificationBulletinData): SheetSpec[] {
  return [
    ...tableSheets(title, VERIFICATION_BULLETIN_TABLES, verificationBulletinCells(data.tally), VERIFICATION_TABLE_CAPTIONS),
    textSheet(title, data, verificationBulletinOpening(data), VERIFICATION_BULLETIN_NOTES),
  ];
}
