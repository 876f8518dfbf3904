import type { SheetSpec } from "@/lib/xlsx/styled-workbook";
import { textSheet } from "@/lib/bulletins/export";
import { VERIFICATION_BULLETIN_NOTES, VERIFICATION_BULLETIN_TABLES, VERIFICATION_TABLE_CAPTIONS, type VerificationBulletinData, type VerificationTableKey, verificationBulletinCells, verificationBulletinOpening } from "./bulletin";

/** A verification bulletin as an .xlsx: one sheet per table (title, caption, header, rows, 合计) and one with the text. */
export function verificationBulletinWorkbook(title: string, data: VerificationBulletinData): SheetSpec[] {
  const cells = verificationBulletinCells(data.tally);
  const tables = (Object.keys(VERIFICATION_BULLETIN_TABLES) as VerificationTableKey[]).map(
    (key): SheetSpec => ({
      name: VERIFICATION_BULLETIN_TABLES[key].title,
      title: `${title}——${VERIFICATION_BULLETIN_TABLES[key].title}`,
      lines: [VERIFICATION_TABLE_CAPTIONS[key]],
      header: cells[key].header,
      rows: cells[key].total ? [...cells[key].rows, cells[key].total] : cells[key].rows,
      totalRow: Boolean(cells[key].total),
    }),
  );
  return [...tables, textSheet(title, data, verificationBulletinOpening(data), VERIFICATION_BULLETIN_NOTES)];
}
