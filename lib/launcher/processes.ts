import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectDir = fileURLToPath(new URL("../../", import.meta.url));
/** Local state the launchers keep between runs: the embedded database, the generated secret. */
export const dataDir = path.join(projectDir, ".data");
export const nextBin = path.join(projectDir, "node_modules/next/dist/bin/next");

/** Ends the launcher with one sentence: start-up problems are for a person to fix, a stack trace does not help. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export type Child = { name: string; process: ChildProcess };

/** Starts a Node script from the project directory, sharing this terminal. */
export function startNode(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  return { name, process: spawn(process.execPath, args, { cwd: projectDir, env, stdio: "inherit" }) };
}

/** Resolves with the exit code of a child that runs to completion (e.g. `next build`). */
export function exitCode(child: Child): Promise<number> {
  return new Promise((resolve) => child.process.once("exit", (code) => resolve(code ?? 1)));
}

/**
 * Keeps the children running until one of them exits or the launcher gets SIGINT/SIGTERM;
 * then stops them all, runs `cleanup` (the database goes last) and exits.
 */
export function supervise(children: Child[], cleanup: () => Promise<void>): void {
  let stopping = false;
  const exited = children.map(exitCode);

  async function stop(code: number) {
    if (stopping) return;
    stopping = true;
    for (const { process: child } of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    }
    const force = setTimeout(() => children.forEach(({ process: child }) => child.kill("SIGKILL")), 10_000);
    await Promise.all(exited);
    clearTimeout(force);
    await cleanup();
    process.exit(code);
  }

  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  for (const child of children) {
    child.process.once("exit", (code, signal) => {
      if (stopping) return;
      console.error(`${child.name} exited (${signal ?? `code ${code}`}); stopping everything.`);
      void stop(1);
    });
  }
}

/** The portal's web server (lib/launcher/server.ts), like `next start` or `next dev`; `args` such as `-p 8080`. */
export function startPortal(mode: "production" | "development", args: string[], env: NodeJS.ProcessEnv): Child {
  const server = path.join(projectDir, "lib/launcher/server.ts");
  // NODE_ENV as `next start` and `next dev` set it before Next.js loads.
  return startNode("web server", ["--import", "tsx", server, ...(mode === "development" ? ["--dev"] : []), ...args], { ...env, NODE_ENV: mode });
}

/** The mail worker: sends the outbox (to the local mailbox with MAIL_TRANSPORT=local) and queues reminders at their slots. */
export function startWorker(env: NodeJS.ProcessEnv): Child {
  return startNode("mail worker", ["--import", "tsx", path.join(projectDir, "lib/launcher/worker.ts")], env);
}
