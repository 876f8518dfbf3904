"use server";

import { authorizedAction } from "@/lib/authz/action";
import {
  assignCommand,
  assignToSchoolsCommand,
  confirmSchoolsCommand,
  returnSchoolRowCommand,
  setSchoolsDeadlineCommand,
  takeBackFromSchoolsCommand,
  confirmCommand,
  handInCommand,
  importContactsCommand,
  inviteDelegateCommand,
  previewContactsCommand,
  resendDelegateActivationCommand,
  returnRowCommand,
  setDeadlineCommand,
  takeBackCommand,
  withdrawHandInCommand,
} from "./commands";

export async function assignRows(input: unknown) {
  return authorizedAction(assignCommand, input);
}

export async function takeBackRows(input: unknown) {
  return authorizedAction(takeBackCommand, input);
}

export async function setDelegateDeadline(input: unknown) {
  return authorizedAction(setDeadlineCommand, input);
}

export async function confirmRows(input: unknown) {
  return authorizedAction(confirmCommand, input);
}

export async function returnRow(input: unknown) {
  return authorizedAction(returnRowCommand, input);
}

export async function inviteDelegate(input: unknown) {
  return authorizedAction(inviteDelegateCommand, input);
}

export async function resendDelegateActivation(input: unknown) {
  return authorizedAction(resendDelegateActivationCommand, input);
}

/** 提交给市级. */
export async function handInRows(input: unknown) {
  return authorizedAction(handInCommand, input);
}

export async function withdrawHandIn(input: unknown) {
  return authorizedAction(withdrawHandInCommand, input);
}

export async function previewContactsImport(formData: FormData) {
  return authorizedAction(previewContactsCommand, Object.fromEntries(formData));
}

export async function importContacts(formData: FormData) {
  return authorizedAction(importContactsCommand, Object.fromEntries(formData));
}

// 分派给学校: a county collecting its schools decides on the rows it handed on to them.

export async function assignToSchools(input: unknown) {
  return authorizedAction(assignToSchoolsCommand, input);
}

export async function takeBackFromSchools(input: unknown) {
  return authorizedAction(takeBackFromSchoolsCommand, input);
}

export async function setSchoolsDeadline(input: unknown) {
  return authorizedAction(setSchoolsDeadlineCommand, input);
}

export async function confirmSchoolRows(input: unknown) {
  return authorizedAction(confirmSchoolsCommand, input);
}

export async function returnSchoolRow(input: unknown) {
  return authorizedAction(returnSchoolRowCommand, input);
}
