"use server";

import { authorizedAction } from "@/lib/authz/action";
import { approveCommand, openReviewCommand, returnCommand } from "./commands";

export async function openReview(input: unknown) {
  return authorizedAction(openReviewCommand, input);
}

export async function approveSubmission(input: unknown) {
  return authorizedAction(approveCommand, input);
}

export async function returnSubmission(input: unknown) {
  return authorizedAction(returnCommand, input);
}
