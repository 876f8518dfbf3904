"use server";

import { authorizedAction } from "@/lib/authz/action";
import { answerCommand } from "./commands";

/** 答复: multipart, for the attachment. */
export async function answerDiscrepancy(formData: FormData) {
  return authorizedAction(answerCommand, Object.fromEntries(formData));
}
