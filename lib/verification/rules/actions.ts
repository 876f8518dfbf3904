"use server";

import { authorizedAction } from "@/lib/authz/action";
import { runVerificationCommand, updateRuleCommand } from "./commands";

export async function updateRule(input: unknown) {
  return authorizedAction(updateRuleCommand, input);
}

export async function rerunVerification(input: unknown) {
  return authorizedAction(runVerificationCommand, input);
}
