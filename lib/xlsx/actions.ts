"use server";

import { authorizedAction } from "@/lib/authz/action";
import { commitImportCommand, previewImportCommand } from "./commands";

export async function previewImport(formData: FormData) {
  return authorizedAction(previewImportCommand, Object.fromEntries(formData));
}

export async function commitImport(formData: FormData) {
  return authorizedAction(commitImportCommand, Object.fromEntries(formData));
}
