"use server";

import { authorizedAction } from "@/lib/authz/action";
import { saveHeaderCommand, saveRowCommand, uploadScanCommand } from "./commands";

export async function saveRow(input: unknown) {
  return authorizedAction(saveRowCommand, input);
}

export async function saveHeader(input: unknown) {
  return authorizedAction(saveHeaderCommand, input);
}

export async function uploadScan(formData: FormData) {
  return authorizedAction(uploadScanCommand, Object.fromEntries(formData));
}
