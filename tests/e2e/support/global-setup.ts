import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { checkoutDatabase, choosePostgresServer } from "../../support/postgres";
import { buildIfStale, freePort, prepareDatabase, root, startPortalServer, startWorker, stopProcess } from "../../support/production-app";

/** Prepares a seeded e2e database (baosong_e2e_<checkout>) and a production server; returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const postgresServer = await choosePostgresServer();
  try {
    const app = await startApp(postgresServer.url);
    return async () => {
      await app.stop();
      await postgresServer.stop();
    };
  } catch (error) {
    await postgresServer.stop();
    throw error;
  }
}

async function startApp(serverUrl: string): Promise<{ stop(): Promise<void> }> {
  const { url, appUrl } = await prepareDatabase(serverUrl, checkoutDatabase("baosong_e2e"));
  // The portal connects as the application role, as in production; the tests read and arrange the
  // database directly as its owner (workers inherit this process's environment).
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
  process.env.BAOSONG_E2E_SERVER_URL = serverUrl;
  // As `npm run demo` runs it: mail to the local mailbox, whose links the specs follow as the demo shows them.
  const appEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: appUrl, NODE_ENV: "production", AUTH_TRUST_HOST: "true", MAIL_TRANSPORT: "local", DEMO_MODE: "true" };

  buildIfStale(appEnv);

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const results = join(root, "test-results");
  mkdirSync(results, { recursive: true });
  // A webhook secret, so that security.spec.ts sees a badly signed call reach the handler and fail its check.
  const app = await startPortalServer({
    env: { ...appEnv, APP_URL: baseURL, RESEND_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("base64")}` },
    port,
    logFile: join(results, "e2e-server.log"),
  });
  // The mail worker, as `npm run demo` runs it: reminders and 「催报」 reach the local mailbox within a moment.
  const worker = startWorker({ env: { ...appEnv, APP_URL: baseURL, WORKER_POLL_MS: "200" }, logFile: join(results, "e2e-worker.log") });
  process.env.BAOSONG_E2E_BASE_URL = baseURL;
  return { stop: () => Promise.all([app, worker].map(stopProcess)).then(() => {}) };
}
