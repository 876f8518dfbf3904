import { DEMO_LOGINS, type DemoLogin } from "@/db/seed";

/** The seeded accounts as a table for the terminal, printed by `npm run demo` and `npm run db:seed`. */
export function printDemoLogins(logins: readonly DemoLogin[] = DEMO_LOGINS): void {
  console.log("Demo logins:");
  const rows = [["角色", "单位", "邮箱", "密码"], ...logins.map((l) => [l.roleLabel, l.unitName, l.email, l.password])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column]))));
  for (const row of rows) {
    console.log(`  ${row.map((cell, column) => cell + " ".repeat(widths[column] - displayWidth(cell))).join("  ")}`.trimEnd());
  }
}

/** Terminal columns: CJK characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce((width, char) => width + (char.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}
