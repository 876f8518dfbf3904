"use server";

import { authorizedAction } from "@/lib/authz/action";
import {
  approveRegistrationsCommand,
  confirmRegistrationCommand,
  registerCommand,
  returnRegistrationCommand,
  submitReceiptsCommand,
  withdrawReceiptsCommand,
} from "./commands";

export async function registerForSession(input: unknown) {
  return authorizedAction(registerCommand, input);
}

export async function confirmRegistration(input: unknown) {
  return authorizedAction(confirmRegistrationCommand, input);
}

export async function approveRegistrations(input: unknown) {
  return authorizedAction(approveRegistrationsCommand, input);
}

export async function returnRegistration(input: unknown) {
  return authorizedAction(returnRegistrationCommand, input);
}

export async function submitReceipts(input: unknown) {
  return authorizedAction(submitReceiptsCommand, input);
}

export async function withdrawReceipts(input: unknown) {
  return authorizedAction(withdrawReceiptsCommand, input);
}
