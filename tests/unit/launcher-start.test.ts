// `npm start` (lib/launcher/start.ts) as a person runs it: configuration problems end it with one sentence.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NO_MAIL_PROVIDER } from "@/lib/mail/senders";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Nothing listens on port 9: a start that got past its checks stops at the database, before serving anything.
const BASE: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: "postgres://baosong@127.0.0.1:9/baosong", AUTH_SECRET: "launcher-test-secret-0123456789abcdef" };

async function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/launcher/start.ts"], { cwd: root, env: { ...BASE, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const [code] = await once(child, "exit");
  return { code, stderr };
}

describe("npm start", () => {
  it("refuses to start without a mail provider, in one sentence", async () => {
    expect(await start({})).toEqual({ code: 1, stderr: `${NO_MAIL_PROVIDER}\n` });
  }, 30_000);

  it("starts with the local mailbox only when MAIL_TRANSPORT=local is set on purpose, and never in demo mode", async () => {
    const local = await start({ MAIL_TRANSPORT: "local" });
    expect(local.code).toBe(1);
    expect(local.stderr).not.toContain(NO_MAIL_PROVIDER);
    expect(await start({ MAIL_TRANSPORT: "local", DEMO_MODE: "true" })).toEqual({ code: 1, stderr: "DEMO_MODE is for `npm run demo` and `npm run dev` only; unset it to run in production.\n" });
  }, 30_000);
});
