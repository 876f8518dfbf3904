"use server";

import { authorizedAction } from "@/lib/authz/action";
import { approveCommand, confirmCommand, returnCommand } from "./commands";

export async function confirmLevel(input: unknown) {
  return authorizedAction(confirmCommand, input);
}

export async function approveReportingUnit(input: unknown) {
  return authorizedAction(approveCommand, input);
}

export async function returnDiscrepancy(input: unknown) {
  return authorizedAction(returnCommand, input);
}
