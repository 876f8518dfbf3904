import autocannon from "autocannon";

// A closed-loop load: `connections` keep-alive connections, each sending its next request when the last is
// answered, for `seconds`. autocannon sends them (its own histogram has no p95, so latencies are kept here).

/** One request of the mix, built when it is sent; `answered` sees its reply. */
export type Call = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  answered?(status: number, body: string): void;
};

/**
 * `unanswered`: requests still waiting when the run ended. Their time is not in the percentiles, which are then
 * a lower bound: a run shorter than the slowest page sees none of it.
 */
export type LoadFigures = { requests: number; perSecond: number; p50: number; p95: number; p99: number; errors: number; unanswered: number };

/**
 * Runs the mix: each connection goes through `steps` in order, again and again; a step gives the call to send.
 * Errors: connection errors, timeouts (30 s) and answers outside 2xx.
 */
export async function runLoad({ baseUrl, connections, seconds, steps }: { baseUrl: string; connections: number; seconds: number; steps: (() => Call)[] }): Promise<LoadFigures> {
  const latencies: number[] = [];
  const requests = steps.map((step) => ({
    setupRequest(request: autocannon.Request, context: object) {
      const call = step();
      (context as { call?: Call }).call = call;
      return { ...request, method: call.method, path: call.path, headers: { ...request.headers, ...call.headers }, body: call.body };
    },
    onResponse(status: number, body: string, context: object) {
      (context as { call?: Call }).call?.answered?.(status, body);
    },
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: baseUrl, connections, duration: seconds, timeout: 30, requests }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
  return {
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: result.errors + result.timeouts + result.non2xx,
    unanswered: Math.max(0, result.requests.sent - latencies.length - result.errors - result.timeouts),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs A, B, A, B, … (`rounds` of each) so that both see the same machine, and returns each one's runs.
 * On a shared machine back-to-back runs of A then B would compare two moments, not two things.
 */
export async function interleaved<T>(rounds: number, variants: Record<string, () => Promise<T>>): Promise<Record<string, T[]>> {
  const runs: Record<string, T[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const figures = await run();
      console.log(`  round ${round + 1} ${name}: ${JSON.stringify(figures)}`);
      runs[name].push(figures);
    }
  }
  return runs;
}

/** Each numeric figure's median over the runs. */
export function medians<T extends Record<string, number>>(runs: T[]): T {
  return Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(runs.map((r) => r[key]))])) as T;
}

/** Seconds of a bench run: BENCH_SECONDS, else `fallback`. */
export function benchSeconds(fallback: number): number {
  const given = Number(process.env.BENCH_SECONDS);
  return Number.isFinite(given) && given > 0 ? given : fallback;
}
