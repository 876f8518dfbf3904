import postgres from "postgres";

/**
 * Two database roles (等保 separation of duties): the owner runs the migrations and owns every table;
 * the application's web processes and workers connect as a role that owns nothing, so it can neither
 * ALTER a table nor DISABLE its triggers, and may only SELECT and INSERT the append-only logs.
 */
const APPEND_ONLY = ["audit_log", "submission_events"];

/** Grants the application role exactly what the portal needs; run as the owner after every migration. */
export async function grantApplicationRole(ownerUrl: string, appRole: string): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const role = sql(appRole);
  try {
    await sql.begin(async (tx) => {
      await tx`grant usage on schema public, drizzle to ${role}`;
      await tx`revoke all on all tables in schema public from ${role}`;
      await tx`grant select, insert, update, delete on all tables in schema public to ${role}`;
      await tx`revoke update, delete on ${tx(APPEND_ONLY)} from ${role}`;
      // The audit chain's head is written by its SECURITY DEFINER trigger alone.
      await tx`revoke insert, update, delete on audit_chain_head from ${role}`;
      // So are the dashboard's kept counts, by theirs.
      await tx`revoke insert, update, delete on unit_child_counts, roster_child_counts from ${role}`;
      await tx`grant usage, select on all sequences in schema public to ${role}`;
      await tx`grant select on drizzle.__drizzle_migrations to ${role}`;
    });
  } finally {
    await sql.end();
  }
}

/** The role a connection URL signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || "postgres";
}

export const LOCAL_APP_ROLE = "baosong_app";

/**
 * For servers of the project's own (the demo's, the tests'): creates the application role if missing
 * and returns the owner's URL signed in as it. Its password only guards a loopback server.
 */
export async function ensureLocalApplicationRole(ownerUrl: string): Promise<string> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    // Concurrent test runs may race to create it: a duplicate is fine.
    await sql.unsafe(`do $$ begin
      create role ${LOCAL_APP_ROLE} login password '${LOCAL_APP_ROLE}' nosuperuser nocreatedb nocreaterole;
    exception when duplicate_object then null; end $$`);
  } finally {
    await sql.end();
  }
  const url = new URL(ownerUrl);
  url.username = LOCAL_APP_ROLE;
  url.password = LOCAL_APP_ROLE;
  return url.toString();
}
