import { z } from "zod";
import { idField as id, UNKNOWN_FIELD } from "@/lib/core/input";


/** 「催报」: which unit, for which campaign. */
export const urgeSchema = z.strictObject({ campaignId: id, unitId: id }, UNKNOWN_FIELD);

export type UrgeInput = z.input<typeof urgeSchema>;
