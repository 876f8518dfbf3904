import { z } from "zod";
import { idField as id, UNKNOWN_FIELD } from "@/lib/core/input";


/** 「重新发送」 one email that failed. */
export const resendSchema = z.strictObject({ emailId: id }, UNKNOWN_FIELD);
