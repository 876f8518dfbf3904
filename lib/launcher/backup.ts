import { spawn } from "node:child_process";
import postgres from "postgres";

/**
 * pg_dump / pg_restore for `npm run db:backup` and `db:restore`. The password travels in PGPASSWORD,
 * not on the command line, where any user of the machine could read it.
 */
function connection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { args: [`--dbname=${parsed.toString()}`], env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${bin} was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client).` : error.message)),
    );
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${bin} failed (exit ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`))));
  });
}

/** Writes the whole database to `file` in pg_dump's custom format (compressed; restorable table by table). */
export async function backupDatabase(url: string, file: string): Promise<void> {
  const { args, env } = connection(url);
  await run("pg_dump", [...args, "--format=custom", "--no-owner", "--no-privileges", `--file=${file}`], env);
}

/**
 * Restores a backup into the database at `url`. A database that already holds the portal's tables is
 * replaced only when asked (`replace`): restoring over live data by mistake must take a second thought.
 */
export async function restoreDatabase(url: string, file: string, { replace }: { replace: boolean }): Promise<void> {
  if (!replace && (await holdsTables(url))) {
    throw new Error("The target database already holds data. Run again with --replace to overwrite it with the backup.");
  }
  const { args, env } = connection(url);
  await run("pg_restore", [...args, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", file], env);
}

async function holdsTables(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select count(*)::int as n from pg_tables where schemaname = 'public'`;
    return row.n > 0;
  } finally {
    await sql.end();
  }
}
