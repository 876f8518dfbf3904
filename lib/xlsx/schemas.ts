import { z } from "zod";
import { idField as id, INVALID_PARAMETER as INVALID, UNKNOWN_FIELD, versionField } from "@/lib/core/input";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, TOO_LARGE_MESSAGE } from "./limits";

/** The uploaded table, of any import. */
export const importFile = z
  .instanceof(File, { error: "请选择要导入的 Excel 或 CSV 文件" })
  .refine((f) => f.size > 0, "文件是空的，请重新选择要导入的表格。")
  .refine((f) => f.size <= IMPORT_MAX_BYTES, TOO_LARGE_MESSAGE);

/** What a preview reads: the file, and the sheet the person picked (none: the one the import prefers). */
export const previewFields = {
  file: importFile,
  // Excel's limit on a sheet's name.
  sheet: z.string().min(1, INVALID).max(31, INVALID).optional(),
};

/**
 * What a commit sends back with the file: the sheet and the hash of the file previewed, the row
 * versions the preview compared against (a JSON list; empty for kinds whose rows carry no version)
 * and the version of the header it compared the file's header lines against.
 */
export const commitFields = {
  ...previewFields,
  seenHeader: versionField.optional(),
  fileHash: z.string().regex(/^[0-9a-f]{64}$/, INVALID),
  seen: z
    .string()
    .max(200_000, INVALID)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.issues.push({ code: "custom", message: INVALID, input: text });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.tuple([z.number().int().positive(), z.number().int().min(0).nullable()]), { error: INVALID }).max(IMPORT_MAX_ROWS, INVALID))
    .default([]),
};

export const previewImportSchema = z.strictObject({ submissionId: id, ...previewFields }, UNKNOWN_FIELD);

export const commitImportSchema = z.strictObject({ submissionId: id, ...commitFields }, UNKNOWN_FIELD);
