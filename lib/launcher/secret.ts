import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "./processes";

const secretFile = path.join(dataDir, "auth-secret");

/**
 * AUTH_SECRET from the environment, else one generated on the first run and kept in
 * .data/auth-secret, so sessions survive a restart of the demo.
 */
export async function authSecret(): Promise<string> {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const saved = (await readFile(secretFile, "utf8").catch(() => "")).trim();
  if (saved) return saved;
  const secret = randomBytes(32).toString("base64url");
  await mkdir(dataDir, { recursive: true });
  await writeFile(secretFile, `${secret}\n`, { mode: 0o600 });
  return secret;
}
