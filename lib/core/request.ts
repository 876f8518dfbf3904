import { AsyncLocalStorage } from "node:async_hooks";

/** The HTTP request a piece of work runs for, as proxy.ts identified it. */
export type RequestInfo = { requestId: string | null; ip: string | null };

const current = new AsyncLocalStorage<RequestInfo>();

/** Runs `work` for one request: every audit row written inside it carries the request's id (and address). */
export function runForRequest<T>(request: RequestInfo, work: () => Promise<T>): Promise<T> {
  return current.run(request, work);
}

/** The request the current work runs for; undefined in the worker, the CLI and tests. */
export function currentRequest(): RequestInfo | undefined {
  return current.getStore();
}
