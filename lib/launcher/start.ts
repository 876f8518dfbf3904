import { existsSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "@/db/migrate";
import { EnvError, parseEnv } from "@/lib/env";
import { assertReachable } from "./database";
import { fail, projectDir, startPortal, supervise } from "./processes";

/** Production: configuration comes only from the environment; nothing is generated or started locally. */
function productionEnv() {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
}

const { DATABASE_URL } = productionEnv();
if (!existsSync(path.join(projectDir, ".next/BUILD_ID"))) fail("There is no production build yet; run `npm run build` first.");
await assertReachable(DATABASE_URL);
await migrateDatabase(DATABASE_URL);

// Extra arguments go to the server, e.g. `npm start -- -p 8080`.
supervise([startPortal("production", process.argv.slice(2), { ...process.env, AUTH_TRUST_HOST: "true" })], async () => {});
