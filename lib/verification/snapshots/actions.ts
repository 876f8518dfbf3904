"use server";

import { authorizedAction } from "@/lib/authz/action";
import { commitSnapshotCommand, previewSnapshotCommand } from "./commands";

export async function previewSnapshot(formData: FormData) {
  return authorizedAction(previewSnapshotCommand, Object.fromEntries(formData));
}

export async function commitSnapshot(formData: FormData) {
  return authorizedAction(commitSnapshotCommand, Object.fromEntries(formData));
}
