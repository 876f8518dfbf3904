import type { SheetSpec } from "@/lib/xlsx/styled-workbook";
import { TRAINING_BULLETIN_NOTES, TRAINING_BULLETIN_TABLES, TRAINING_TABLE_CAPTIONS, type TrainingBulletinData, trainingBulletinCells, trainingBulletinOpening } from "./bulletin";
import { textSheet } from "@/lib/bulletins/export";

/** A training bulletin as an .xlsx: one sheet per table (title, caption, header, rows, 合计) and one with the text. */
export function trainingBulletinWorkbook(title: string, data: TrainingBulletinData): SheetSpec[] {
  const cells = trainingBulletinCells(data.tally);
  const tables = (Object.keys(TRAINING_BULLETIN_TABLES) as (keyof typeof TRAINING_BULLETIN_TABLES)[]).map(
    (key): SheetSpec => ({
      name: TRAINING_BULLETIN_TABLES[key].title,
      title: `${title}——${TRAINING_BULLETIN_TABLES[key].title}`,
      lines: [TRAINING_TABLE_CAPTIONS[key]],
      header: cells[key].header,
      rows: cells[key].total ? [...cells[key].rows, cells[key].total] : cells[key].rows,
      totalRow: Boolean(cells[key].total),
    }),
  );
  return [...tables, textSheet(title, data, trainingBulletinOpening(data), TRAINING_BULLETIN_NOTES)];
}
