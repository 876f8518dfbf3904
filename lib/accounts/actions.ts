"use server";

import { authorizedAction } from "@/lib/authz/action";
import { acceptPrivacyNoticeCommand } from "@/lib/privacy/commands";
import { changePasswordCommand, enrolSecondFactorCommand, resendActivationCommand, verifySecondFactorCommand } from "./commands";

export async function resendActivation(input: unknown) {
  return authorizedAction(resendActivationCommand, input);
}

/** Open to an account held at the password-age gate: changing the password is how it passes. */
export async function changePassword(input: unknown) {
  return authorizedAction(changePasswordCommand, input, { passesGate: "password_expired" });
}

/** Open only to a session held at the enrolment gate. */
export async function enrolSecondFactor(input: unknown) {
  return authorizedAction(enrolSecondFactorCommand, input, { passesGate: "second_factor_enrol" });
}

/** Open only to a session held at the second-factor gate. */
export async function verifySecondFactor(input: unknown) {
  return authorizedAction(verifySecondFactorCommand, input, { passesGate: "second_factor" });
}

/** Open to a session held at the privacy-notice gate: accepting 《个人信息处理规则》 is how it passes. */
export async function acceptPrivacyNotice(input: unknown) {
  return authorizedAction(acceptPrivacyNoticeCommand, input, { passesGate: "privacy_notice" });
}
