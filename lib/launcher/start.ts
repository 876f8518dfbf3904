import { existsSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "@/db/migrate";
import { grantApplicationRole, roleOf } from "@/db/roles";
import { EnvError, parseEnv } from "@/lib/env";
import { mailTransportOf } from "@/lib/mail/senders";
import { assertReachable } from "./database";
import { fail, projectDir, startPortal, supervise } from "./processes";

/** Production: configuration comes only from the environment; nothing is generated or started locally. */
function productionEnv() {
  try {
    const config = parseEnv(process.env);
    mailTransportOf(config);
    // Demo mode shows people's activation and reset links in 「邮件」: never in production.
    if (config.DEMO_MODE) throw new EnvError("DEMO_MODE is for `npm run demo` and `npm run dev` only; unset it to run in production.");
    return config;
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
}

const { DATABASE_URL, MIGRATION_DATABASE_URL } = productionEnv();
if (!existsSync(path.join(projectDir, ".next/BUILD_ID"))) fail("There is no production build yet; run `npm run build` first.");
await assertReachable(DATABASE_URL);
await migrateDatabase(MIGRATION_DATABASE_URL ?? DATABASE_URL);
// The application's own role gets its grants afresh after each migration (new tables included).
if (MIGRATION_DATABASE_URL && roleOf(MIGRATION_DATABASE_URL) !== roleOf(DATABASE_URL)) await grantApplicationRole(MIGRATION_DATABASE_URL, roleOf(DATABASE_URL));

// Extra arguments go to the server, e.g. `npm start -- -p 8080`.
supervise([startPortal("production", process.argv.slice(2), { ...process.env, AUTH_TRUST_HOST: "true" })], async () => {});
