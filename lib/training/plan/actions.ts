"use server";

import { authorizedAction } from "@/lib/authz/action";
import {
  announcePhaseCommand,
  createSessionCommand,
  createTrainingCommand,
  deleteSessionCommand,
  setPhaseDatesCommand,
  setQuotasCommand,
  splitQuotaCommand,
  updateSessionCommand,
} from "./commands";

export async function createTraining(input: unknown) {
  return authorizedAction(createTrainingCommand, input);
}

export async function setPhaseDates(input: unknown) {
  return authorizedAction(setPhaseDatesCommand, input);
}

export async function announcePhase(input: unknown) {
  return authorizedAction(announcePhaseCommand, input);
}

export async function createSession(input: unknown) {
  return authorizedAction(createSessionCommand, input);
}

export async function updateSession(input: unknown) {
  return authorizedAction(updateSessionCommand, input);
}

export async function deleteSession(input: unknown) {
  return authorizedAction(deleteSessionCommand, input);
}

export async function setQuotas(input: unknown) {
  return authorizedAction(setQuotasCommand, input);
}

export async function splitQuota(input: unknown) {
  return authorizedAction(splitQuotaCommand, input);
}
