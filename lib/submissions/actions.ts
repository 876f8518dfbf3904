"use server";

import { authorizedAction } from "@/lib/authz/action";
import { submitCommand, withdrawCommand } from "./commands";

export async function submitSubmission(input: unknown) {
  return authorizedAction(submitCommand, input);
}

export async function withdrawSubmission(input: unknown) {
  return authorizedAction(withdrawCommand, input);
}
