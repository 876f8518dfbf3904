"use server";

import { authorizedAction } from "@/lib/authz/action";
import {
  createUnitCommand,
  deactivateUnitCommand,
  deleteUnitCommand,
  importSchoolsCommand,
  moveUnitCommand,
  reactivateUnitCommand,
  updateUnitCommand,
} from "./commands";

export async function createUnit(input: unknown) {
  return authorizedAction(createUnitCommand, input);
}

export async function updateUnit(input: unknown) {
  return authorizedAction(updateUnitCommand, input);
}

export async function moveUnit(input: unknown) {
  return authorizedAction(moveUnitCommand, input);
}

export async function deactivateUnit(input: unknown) {
  return authorizedAction(deactivateUnitCommand, input);
}

export async function reactivateUnit(input: unknown) {
  return authorizedAction(reactivateUnitCommand, input);
}

export async function deleteUnit(input: unknown) {
  return authorizedAction(deleteUnitCommand, input);
}

export async function previewSchoolImport(formData: FormData) {
  return authorizedAction(importSchoolsCommand, { ...Object.fromEntries(formData), mode: "preview" });
}

export async function commitSchoolImport(formData: FormData) {
  return authorizedAction(importSchoolsCommand, { ...Object.fromEntries(formData), mode: "commit" });
}
