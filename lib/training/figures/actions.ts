"use server";

import { authorizedAction } from "@/lib/authz/action";
import { generateTrainingBulletinCommand } from "./commands";

export async function generateTrainingBulletin(input: unknown) {
  return authorizedAction(generateTrainingBulletinCommand, input);
}
