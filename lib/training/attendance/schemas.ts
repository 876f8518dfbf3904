import { z } from "zod";
import { idField as id, INVALID_PARAMETER, UNKNOWN_FIELD } from "@/lib/core/input";
import { uploadScanSchema } from "@/lib/roster/schemas";
import { commitFields, previewFields } from "@/lib/xlsx/schemas";

export const previewAttendanceSchema = z.strictObject({ sessionId: id, ...previewFields }, UNKNOWN_FIELD);

export const commitAttendanceSchema = z.strictObject({ sessionId: id, ...commitFields }, UNKNOWN_FIELD);

/** A line matched by hand to a registration of its session, or ignored (null: 忽略). */
export const resolveLineSchema = z.strictObject({ lineId: id, registrationId: id.nullable() }, UNKNOWN_FIELD);

/** The scan is checked as the roster's stamped table is: present, not empty, at most 10 MB. */
export const uploadSignInScanSchema = z.strictObject({ sessionId: id, file: uploadScanSchema.shape.file }, UNKNOWN_FIELD);

export const closeSessionSchema = z.strictObject({ sessionId: id }, UNKNOWN_FIELD);

/** The 补训 session, and the absent registrations to put on it. */
export const scheduleRemedialSchema = z.strictObject(
  { sessionId: id, registrationIds: z.array(id, { error: INVALID_PARAMETER }).min(1, "请选择要安排补训的人员").max(500, INVALID_PARAMETER) },
  UNKNOWN_FIELD,
);
