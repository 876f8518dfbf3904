import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { printDemoLogins } from "./logins";
import { APP_URL, localAppEnv, prepareDatabase } from "./prepare";
import { type Child, exitCode, fail, nextBin, projectDir, startNode, startPortal, startWorker, supervise } from "./processes";

const PORT = 3000;
/** What `next build` compiles: a change in any of these makes the previous build stale. */
const SOURCES = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.ts", "package-lock.json"];

const startedAt = performance.now();
// Checked first: otherwise the readiness check below could be answered by another server.
if (!(await portIsFree(PORT))) fail(`Port ${PORT} is in use; stop whatever serves ${APP_URL} and run the demo again.`);

const database = await prepareDatabase();
const env = await localAppEnv(database.appUrl);

if (buildIsStale()) {
  console.log("Building the portal (next build)…");
  if ((await exitCode(startNode("next build", [nextBin, "build"], env))) !== 0) {
    await database.stop();
    fail("next build failed; its output is above.");
  }
}

// The worker sends the outbox to the local mailbox (「邮件」) and queues reminders at their slots.
const children: Child[] = [startPortal("production", ["-p", String(PORT)], env), startWorker(env)];
supervise(children, () => database.stop());

await waitUntilServing(`http://127.0.0.1:${PORT}/`);
printBanner();

function printBanner() {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`
Baosong is running at ${APP_URL} (started in ${seconds} s). Press Ctrl-C to stop.
Database:    ${database.label}
Mail worker: running (${env.MAIL_TRANSPORT === "local" ? "mail is delivered to 「邮件」 in the portal" : "sending through Resend"})
`);
  printDemoLogins();
  console.log();
}

function buildIsStale(): boolean {
  const buildId = path.join(projectDir, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestChange(path.join(projectDir, source)) > builtAt);
}

/** Latest mtime in a tree; directories count too, so a deleted file also makes the build stale. */
function newestChange(file: string): number {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return stat?.mtimeMs ?? 0;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** Resolves once the server answers at all; supervise() exits the launcher if next dies first. */
async function waitUntilServing(url: string): Promise<void> {
  for (;;) {
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
