import type { Page } from "@playwright/test";
import { CAMPAIGN_TITLE, DEMO_LOGINS } from "@/db/seed";
import type { Role } from "@/db/schema";

/** The seeded demo account for a role. */
export function demoLogin(role: Role) {
  const found = DEMO_LOGINS.find((l) => l.role === role);
  if (!found) throw new Error(`no demo login for ${role}`);
  return found;
}

/** The seeded 2021 campaign in 「我的任务」; other specs may publish campaigns of their own beside it. */
export function seededTask(page: Page) {
  return page.getByTestId("task").filter({ has: page.getByTestId("task-title").getByText(CAMPAIGN_TITLE, { exact: true }) });
}
