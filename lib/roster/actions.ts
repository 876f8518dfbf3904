"use server";

import { authorizedAction } from "@/lib/authz/action";
import { saveHeaderCommand, saveRowCommand, uploadScanCommand } from "./commands";
import { revealContactsCommand } from "./reveal/commands";

export async function saveRow(input: unknown) {
  return authorizedAction(saveRowCommand, input);
}

export async function saveHeader(input: unknown) {
  return authorizedAction(saveHeaderCommand, input);
}

export async function uploadScan(formData: FormData) {
  return authorizedAction(uploadScanCommand, Object.fromEntries(formData));
}

/** 「查看完整信息」: the masked phones and emails of a table, with a reason (audited). */
export async function revealContacts(input: unknown) {
  return authorizedAction(revealContactsCommand, input);
}
