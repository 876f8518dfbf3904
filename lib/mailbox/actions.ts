"use server";

import { authorizedAction } from "@/lib/authz/action";
import { resendCommand } from "./commands";

export async function resendEmail(input: unknown) {
  return authorizedAction(resendCommand, input);
}
