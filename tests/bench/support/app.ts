import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Balancer } from "../../support/balancer";
import { buildIfStale, freePort, root, startPortalServer, stopProcess } from "../../support/production-app";
import { createDb, type Db } from "@/db/index";
import type { BenchDatabase } from "./fixture";

/** The production app as `npm start` runs it, on a bench database: where it answers and what it costs. */
export type BenchApp = {
  baseUrl: string;
  /** The web processes' CPU time so far (user + system, all of them together), in milliseconds. */
  cpuMs(): number;
  /**
   * Waits (up to a minute) until the server has stopped working off the last run: a load generator that stops
   * leaves the requests it sent last still being answered, which the next run would pay for.
   */
  settle(): Promise<void>;
  /** The web processes' resident memory now and at their peaks (added up), in MB. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
};

// The bench build (next.config.ts): .next-bench, with app/**/route.bench.ts. Shared by every bench, rebuilt
// when a source is newer, so a run of `npm run bench` builds at most once.
const BENCH_BUILD = { BAOSONG_BENCH_BUILD: "1" };
const TICKS_PER_SECOND = 100;
const SETTLE_WINDOW_MS = 500;
/** Idle: under 5% of a core over the window (a request log line or a timer is not work). */
const IDLE_SHARE = 0.05;

/**
 * Sets this process up to act against an app at `baseUrl` (lib/env.ts reads DATABASE_URL, AUTH_SECRET and APP_URL
 * on first use, e.g. when signing bench sessions, and keeps them: a second app in the same bench shares the
 * secret and the http scheme, and the benches pass their database explicitly).
 */
export function actAgainstApp(database: BenchDatabase, baseUrl: string): void {
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.APP_URL = baseUrl;
}

/**
 * Sets this process up to act against the app (actAgainstApp), builds if needed and starts `processes` web processes;
 * more than one answer behind a round-robin balancer (tests/support/balancer.ts), as docs/deployment.md runs them.
 */
export async function startBenchApp(database: BenchDatabase, name: string, { processes = 1 }: { processes?: number } = {}): Promise<BenchApp> {
  const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
  const balancer = processes > 1 ? await Balancer.start(ports) : null;
  const baseUrl = `http://127.0.0.1:${balancer?.port ?? ports[0]}`;
  actAgainstApp(database, baseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env, ...BENCH_BUILD, DATABASE_URL: database.appUrl, NODE_ENV: "production", AUTH_TRUST_HOST: "true", MAIL_TRANSPORT: "local" };
  buildIfStale(env, ".next-bench");
  mkdirSync(join(root, "test-results"), { recursive: true });
  const servers = await Promise.all(
    ports.map((port, i) => startPortalServer({ env, port, logFile: join(root, `test-results/bench-${name}-server${processes > 1 ? `-${i + 1}` : ""}.log`) })),
  );
  const sum = (of: (pid: number) => number) => servers.reduce((total, server) => total + of(server.pid!), 0);
  const kb = (field: string) => (pid: number) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  // /proc/<pid>/stat: utime and stime are fields 14 and 15, after the parenthesised name.
  const cpuMs = () =>
    sum((pid) => {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    });
  return {
    baseUrl,
    cpuMs,
    async settle() {
      const deadline = Date.now() + 60_000;
      for (let before = cpuMs(); Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
        const now = cpuMs();
        if (now - before < SETTLE_WINDOW_MS * IDLE_SHARE * processes) return;
        before = now;
      }
    },
    memory: () => ({ rssMb: Math.round(sum(kb("VmRSS")) / 1024), peakMb: Math.round(sum(kb("VmHWM")) / 1024) }),
    async stop() {
      await Promise.all(servers.map(stopProcess));
      await balancer?.close();
    },
  };
}

/**
 * The bench's own connection to `database` (to arrange and read) and the app on it. `close()` lets go of both and drops
 * the database; so does a start that fails.
 */
export async function openBenchApp(
  database: BenchDatabase,
  name: string,
  options?: { processes?: number },
): Promise<{ db: Db; app: BenchApp; close(): Promise<void> }> {
  const { db, client } = createDb(database.url, { max: 2 });
  const app = await startBenchApp(database, name, options).catch(async (error) => {
    await client.end();
    await database.drop();
    throw error;
  });
  return {
    db,
    app,
    async close() {
      await client.end();
      await app.stop();
      await database.drop();
    },
  };
}
