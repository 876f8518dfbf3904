import type { SheetSpec } from "@/lib/xlsx/styled-workbook";
import { TRAINING_BULLETIN_NOTES, TRAINING_BULLETIN_TABLES, TRAINING_TABLE_CAPTIONS, type TrainingBulletinData, trainingBulletinCells, trainingBulletinOpening } from "./bulletin";
import { textSheet } from "@/lib/bulletins/export";
import { tableSheets } from "@/lib/bulletins/kind-tables";

/** A training bulletin as an .xlsx: one sheet per table (title, caption, header, rows, 合计) and one with the text. */
export function trainingBulletinWorkbook(title: string, data: TrainingBulletinData): SheetSpec[] {
  return [...tableSheets(title, TRAINING_BULLETIN_TABLES, trainingBulletinCells(data.tally), TRAINING_TABLE_CAPTIONS), textSheet(title, data, trainingBulletinOpening(data), TRAINING_BULLETIN_NOTES)];
}
