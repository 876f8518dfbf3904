import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readdirSync, statSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@/db/index";
import { migrateDatabase } from "@/db/migrate";
import { ensureLocalApplicationRole, grantApplicationRole, roleOf } from "@/db/roles";
import { seedDatabase } from "@/db/seed";
import { databaseUrl, recreateDatabase } from "./postgres";

// The production app as the e2e tests and the benchmarks run it: a seeded database, `next build` when the
// sources changed, then the portal's own server (lib/launcher/server.ts, as `npm start` runs it) on a free
// port and the worker (lib/launcher/worker.ts, as `npm run worker` runs it).

export const root = fileURLToPath(new URL("../..", import.meta.url));
const nextBin = join(root, "node_modules/next/dist/bin/next");
// What the production build is made from; a change to any of these means building again.
const buildInputs = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.ts", "package-lock.json"];

/** A fresh, migrated and seeded database: `url` as its owner (for the tests), `appUrl` as the application role. */
export async function prepareDatabase(serverUrl: string, name: string): Promise<{ url: string; appUrl: string }> {
  const url = databaseUrl(serverUrl, name);
  await recreateDatabase(serverUrl, name);
  await migrateDatabase(url);
  const { db, client } = createDb(url, { max: 1 });
  try {
    await seedDatabase(db);
  } finally {
    await client.end();
  }
  const appUrl = await ensureLocalApplicationRole(url);
  await grantApplicationRole(url, roleOf(appUrl));
  return { url, appUrl };
}

/** Builds into `distDir` (next.config.ts picks it from `env`) unless the build there is newer than every source. */
export function buildIfStale(env: NodeJS.ProcessEnv, distDir = ".next"): void {
  const buildId = join(root, distDir, "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestChange(buildInputs.map((p) => join(root, p)))) return;
  console.log(`Building the app (next build into ${distDir})…`);
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

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("Could not pick a free port");
  return address.port;
}

/** Starts the portal's server on 127.0.0.1:`port` with `env`, its output in `logFile`, and waits until it answers. */
export async function startPortalServer({ env, port, logFile }: { env: NodeJS.ProcessEnv; port: number; logFile: string }): Promise<ChildProcess> {
  const log = openSync(logFile, "w");
  // The portal's own server, as `npm start` runs it: it hands proxy.ts the socket's peer address.
  const app = spawn(process.execPath, ["--import", "tsx", join(root, "lib/launcher/server.ts"), "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", log, log] });
  try {
    await waitUntilServing(`http://127.0.0.1:${port}`, app, logFile);
  } catch (error) {
    await stopProcess(app);
    throw error;
  }
  return app;
}

/** The worker with `env`, its output in `logFile`. */
export function startWorker({ env, logFile }: { env: NodeJS.ProcessEnv; logFile: string }): ChildProcess {
  const log = openSync(logFile, "w");
  return spawn(process.execPath, ["--import", "tsx", join(root, "lib/launcher/worker.ts")], { cwd: root, env, stdio: ["ignore", log, log] });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** Waits until the server answers any HTTP request (it fails fast if the process exits). */
export async function waitUntilServing(baseURL: string, app: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the web server exited with code ${app.exitCode}; see ${logFile}`);
    try {
      await fetch(`${baseURL}/login`, { redirect: "manual" });
      return; // any HTTP answer means the server is up
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the web server did not answer on ${baseURL} within 60 s; see ${logFile}`);
}
