"use server";

import { authorizedAction } from "@/lib/authz/action";
import { generateBulletinCommand, publishBulletinCommand } from "./commands";

export async function generateBulletin(input: unknown) {
  return authorizedAction(generateBulletinCommand, input);
}

export async function publishBulletin(input: unknown) {
  return authorizedAction(publishBulletinCommand, input);
}
