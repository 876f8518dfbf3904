import { median } from "./load";

const BUDGET_MS = 20_000;
/** A page slower than this is given up on, and said to be. */
export const PAGE_LIMIT_MS = 120_000;

export type PageTime = { ms: number; bytes: number } | { over: number };

/**
 * One page as a signed-in person opens it, again and again, one request at a time: median time and size, of
 * `times` requests or as many as fit in BUDGET_MS (at least three), so a page taking a minute does not take ten.
 */
export async function timePage(baseUrl: string, path: string, cookie: string, times = 10): Promise<PageTime> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(PAGE_LIMIT_MS) });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return { ms: performance.now() - started, bytes };
  };
  try {
    await once(); // warms the server's caches
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") return { over: PAGE_LIMIT_MS };
    throw error;
  }
  const runs: { ms: number; bytes: number }[] = [];
  const started = performance.now();
  while (runs.length < times && (runs.length < 3 || performance.now() - started < BUDGET_MS)) runs.push(await once());
  return { ms: median(runs.map((r) => r.ms)), bytes: median(runs.map((r) => r.bytes)) };
}
