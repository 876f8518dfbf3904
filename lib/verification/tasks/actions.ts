"use server";

import { authorizedAction } from "@/lib/authz/action";
import { createVerificationCommand } from "./commands";

export async function createVerification(input: unknown) {
  return authorizedAction(createVerificationCommand, input);
}
