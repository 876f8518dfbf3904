import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

/** The one logger: JSON lines on stdout, for whatever collects the processes' output. */
export const log = pino({
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  level: process.env.LOG_LEVEL ?? "info",
});

/** What a request's log line says beyond method, route, status and duration; filled in as the request goes. */
export type RequestNotes = { requestId: string; ip?: string | null; userId?: number; refused?: string };

// Next.js bundles its own copy of this module; keeping the store on globalThis lets the server's copy
// (lib/launcher/server.ts, which writes the line) and the bundle's (proxy.ts, the session lookup) share it.
const key = Symbol.for("baosong.request-notes");
const notes: AsyncLocalStorage<RequestNotes> = ((globalThis as Record<symbol, unknown>)[key] ??= new AsyncLocalStorage<RequestNotes>()) as AsyncLocalStorage<RequestNotes>;

export function withRequestNotes<T>(entry: RequestNotes, work: () => T): T {
  return notes.run(entry, work);
}

/** Adds to the current request's log line; outside a request (worker, CLI, tests) it does nothing. */
export function noteRequest(fields: Omit<Partial<RequestNotes>, "requestId">): void {
  const entry = notes.getStore();
  if (entry) Object.assign(entry, fields);
}
