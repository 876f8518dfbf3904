import { z } from "zod";
import { idField as id, UNKNOWN_FIELD, versionField as version } from "@/lib/core/input";

/** Submit and withdraw name the submission and the version the person saw. */
export const transitionSchema = z.strictObject({ submissionId: id, expectedVersion: version }, UNKNOWN_FIELD);
