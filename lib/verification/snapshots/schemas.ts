import { z } from "zod";
import { referenceSource } from "@/db/schema";
import { UNKNOWN_FIELD } from "@/lib/core/input";
import { commitFields, previewFields } from "@/lib/xlsx/schemas";
import { schoolYearField } from "../tasks/schemas";

/** Which source and school year the uploaded file is. */
const snapshotFields = {
  source: z.enum(referenceSource.enumValues, { error: "数据来源：请选择" }),
  schoolYear: schoolYearField("学年"),
};

export const previewSnapshotSchema = z.strictObject({ ...snapshotFields, ...previewFields }, UNKNOWN_FIELD);

export const commitSnapshotSchema = z.strictObject({ ...snapshotFields, ...commitFields }, UNKNOWN_FIELD);
