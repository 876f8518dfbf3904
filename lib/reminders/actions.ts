"use server";

import { authorizedAction } from "@/lib/authz/action";
import { urgeCommand } from "./commands";

export async function urgeUnit(input: unknown) {
  return authorizedAction(urgeCommand, input);
}
