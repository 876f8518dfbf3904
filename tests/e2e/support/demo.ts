import { DEMO_LOGINS } from "@/db/seed";
import type { Role } from "@/db/schema";

/** The seeded demo account for a role. */
export function demoLogin(role: Role) {
  const found = DEMO_LOGINS.find((l) => l.role === role);
  if (!found) throw new Error(`no demo login for ${role}`);
  return found;
}
