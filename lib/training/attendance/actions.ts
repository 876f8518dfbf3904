"use server";

import { authorizedAction } from "@/lib/authz/action";
import {
  closeSessionCommand,
  commitAttendanceImportCommand,
  previewAttendanceImportCommand,
  resolveAttendanceLineCommand,
  scheduleRemedialCommand,
  uploadSignInScanCommand,
} from "./commands";

export async function previewAttendanceImport(formData: FormData) {
  return authorizedAction(previewAttendanceImportCommand, Object.fromEntries(formData));
}

export async function commitAttendanceImport(formData: FormData) {
  return authorizedAction(commitAttendanceImportCommand, Object.fromEntries(formData));
}

export async function resolveAttendanceLine(input: unknown) {
  return authorizedAction(resolveAttendanceLineCommand, input);
}

export async function uploadSignInScan(formData: FormData) {
  return authorizedAction(uploadSignInScanCommand, Object.fromEntries(formData));
}

export async function closeSession(input: unknown) {
  return authorizedAction(closeSessionCommand, input);
}

export async function scheduleRemedial(input: unknown) {
  return authorizedAction(scheduleRemedialCommand, input);
}
