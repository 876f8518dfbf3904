"use server";

import { authorizedAction } from "@/lib/authz/action";
import { resendActivationCommand } from "./commands";

export async function resendActivation(input: unknown) {
  return authorizedAction(resendActivationCommand, input);
}
