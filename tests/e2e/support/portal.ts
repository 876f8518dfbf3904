import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@/db/index";
import { migrateDatabase } from "@/db/migrate";
import { ensureLocalApplicationRole, grantApplicationRole, roleOf } from "@/db/roles";
import { seedDatabase } from "@/db/seed";
import { databaseUrl, recreateDatabase } from "../../support/postgres";

// The portal's processes as production runs them, for the global setup and for specs that need more of them.

export const root = fileURLToPath(new URL("../../..", import.meta.url));
const nextBin = join(root, "node_modules/next/dist/bin/next");
// What the production build is made from; a change to any of these means building again.
const buildInputs = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.ts", "package-lock.json"];

/** A fresh, migrated and seeded database: `url` as its owner (for the specs), `appUrl` as the application role. */
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

export function buildIfStale(env: NodeJS.ProcessEnv): void {
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

function logFile(name: string): number {
  mkdirSync(join(root, "test-results"), { recursive: true });
  return openSync(join(root, "test-results", name), "w");
}

/** The portal's own server, as `npm start` runs it (it hands proxy.ts the socket's peer address), on 127.0.0.1. */
export function startWebProcess(port: number, env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = logFile(log);
  return spawn(process.execPath, ["--import", "tsx", join(root, "lib/launcher/server.ts"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", out, out],
  });
}

/** The worker, as `npm run worker` runs it. */
export function startWorkerProcess(env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = logFile(log);
  return spawn(process.execPath, ["--import", "tsx", join(root, "lib/launcher/worker.ts")], { cwd: root, env, stdio: ["ignore", out, out] });
}

/** Ends the processes still running, gently. */
export async function stopProcesses(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    }),
  );
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("Could not pick a free port");
  return address.port;
}

export async function waitUntilServing(baseURL: string, app: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the web server exited with code ${app.exitCode}; see test-results/${log}`);
    try {
      await fetch(`${baseURL}/login`, { redirect: "manual" });
      return; // any HTTP answer means the server is up
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the web server did not answer on ${baseURL} within 60 s; see test-results/${log}`);
}
