"use server";

import { authorizedAction } from "@/lib/authz/action";
import {
  bulkInviteCommand,
  previewBulkInviteCommand,
  disableUserCommand,
  enableUserCommand,
  endUserSessionsCommand,
  inviteUserCommand,
  resendActivationCommand,
  resetSecondFactorCommand,
  sendResetCommand,
  unlockUserCommand,
  updateUserCommand,
} from "./commands";

export async function inviteUser(input: unknown) {
  return authorizedAction(inviteUserCommand, input);
}

export async function previewBulkInvite(formData: FormData) {
  return authorizedAction(previewBulkInviteCommand, Object.fromEntries(formData));
}

export async function bulkInvite(formData: FormData) {
  return authorizedAction(bulkInviteCommand, Object.fromEntries(formData));
}

export async function updateUser(input: unknown) {
  return authorizedAction(updateUserCommand, input);
}

export async function disableUser(input: unknown) {
  return authorizedAction(disableUserCommand, input);
}

export async function enableUser(input: unknown) {
  return authorizedAction(enableUserCommand, input);
}

export async function unlockUser(input: unknown) {
  return authorizedAction(unlockUserCommand, input);
}

export async function endUserSessions(input: unknown) {
  return authorizedAction(endUserSessionsCommand, input);
}

export async function resendActivation(input: unknown) {
  return authorizedAction(resendActivationCommand, input);
}

export async function sendReset(input: unknown) {
  return authorizedAction(sendResetCommand, input);
}

export async function resetSecondFactor(input: unknown) {
  return authorizedAction(resetSecondFactorCommand, input);
}
