"use server";

import { authorizedAction } from "@/lib/authz/action";
import { commitImportCommand, previewImportCommand } from "./commands";

export async function previewRosterImport(formData: FormData) {
  return authorizedAction(previewImportCommand, Object.fromEntries(formData));
}

export async function commitRosterImport(formData: FormData) {
  return authorizedAction(commitImportCommand, Object.fromEntries(formData));
}
