"use server";

import { authorizedAction } from "@/lib/authz/action";
import { generateVerificationBulletinCommand } from "./commands";

export async function generateVerificationBulletin(input: unknown) {
  return authorizedAction(generateVerificationBulletinCommand, input);
}
