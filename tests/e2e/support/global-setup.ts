import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@/db/index";
import { migrateDatabase } from "@/db/migrate";
import { ensureLocalApplicationRole, grantApplicationRole, roleOf } from "@/db/roles";
import { seedDatabase } from "@/db/seed";
import { checkoutDatabase, choosePostgresServer, databaseUrl, recreateDatabase } from "../../support/postgres";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const nextBin = join(root, "node_modules/next/dist/bin/next");
const serverLog = join(root, "test-results/e2e-server.log");
// What the production build is made from; a change to any of these means building again.
const buildInputs = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.ts", "package-lock.json"];

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
  const name = checkoutDatabase("baosong_e2e");
  const url = databaseUrl(serverUrl, name);
  await recreateDatabase(serverUrl, name);
  await migrateDatabase(url);
  const { db, client } = createDb(url, { max: 1 });
  try {
    await seedDatabase(db);
  } finally {
    await client.end();
  }

  // The portal connects as the application role, as in production; the tests read and arrange the
  // database directly as its owner (workers inherit this process's environment).
  const appUrl = await ensureLocalApplicationRole(url);
  await grantApplicationRole(url, roleOf(appUrl));
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
  // As `npm run demo` runs it: mail to the local mailbox, whose links the specs follow as the demo shows them.
  const appEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: appUrl, NODE_ENV: "production", AUTH_TRUST_HOST: "true", MAIL_TRANSPORT: "local", DEMO_MODE: "true" };

  buildIfStale(appEnv);

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  mkdirSync(join(root, "test-results"), { recursive: true });
  const log = openSync(serverLog, "w");
  // The portal's own server, as `npm start` runs it: it hands proxy.ts the socket's peer address.
  const app = spawn(process.execPath, ["--import", "tsx", join(root, "lib/launcher/server.ts"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    // A webhook secret, so that security.spec.ts sees a badly signed call reach the handler and fail its check.
    env: { ...appEnv, APP_URL: baseURL, RESEND_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("base64")}` },
    stdio: ["ignore", log, log],
  });
  // The mail worker, as `npm run demo` runs it: reminders and 「催报」 reach the local mailbox within a moment.
  const workerLog = openSync(join(root, "test-results/e2e-worker.log"), "w");
  const worker = spawn(process.execPath, ["--import", "tsx", join(root, "lib/launcher/worker.ts")], {
    cwd: root,
    env: { ...appEnv, APP_URL: baseURL, WORKER_POLL_MS: "200" },
    stdio: ["ignore", workerLog, workerLog],
  });
  const stop = async () => {
    await Promise.all(
      [app, worker].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        await once(child, "exit");
      }),
    );
  };
  try {
    await waitUntilServing(baseURL, app);
  } catch (error) {
    await stop();
    throw error;
  }
  process.env.BAOSONG_E2E_BASE_URL = baseURL;
  return { stop };
}

function buildIfStale(env: NodeJS.ProcessEnv): void {
  const buildId = join(root, ".next/BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestChange(buildInputs.map((p) => join(root, p)))) return;
  console.log("Building the app for the browser tests (next build)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`);
}

function newestChange(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) newest = Math.max(newest, newestChange(readdirSync(path).map((name) => join(path, name))));
  }
  return newest;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("Could not pick a free port");
  return address.port;
}

async function waitUntilServing(baseURL: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the web server exited with code ${app.exitCode}; see ${serverLog}`);
    try {
      await fetch(`${baseURL}/login`, { redirect: "manual" });
      return; // any HTTP answer means the server is up
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the web server did not answer on ${baseURL} within 60 s; see ${serverLog}`);
}
