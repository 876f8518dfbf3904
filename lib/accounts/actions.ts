"use server";

import { authorizedAction } from "@/lib/authz/action";
import { changePasswordCommand, resendActivationCommand } from "./commands";

export async function resendActivation(input: unknown) {
  return authorizedAction(resendActivationCommand, input);
}

/** Open to an account held at the password-age gate: changing the password is how it passes. */
export async function changePassword(input: unknown) {
  return authorizedAction(changePasswordCommand, input, { passesGate: "password_expired" });
}
