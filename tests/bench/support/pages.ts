import { median } from "./load";

/** One page as a signed-in person opens it, again and again, one request at a time: median time and size. */
export async function timePage(baseUrl: string, path: string, cookie: string, times = 10): Promise<{ ms: number; bytes: number }> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return { ms: performance.now() - started, bytes };
  };
  await once(); // the first request of a page compiles nothing in production, but warms the server's caches
  const runs: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < times; i++) runs.push(await once());
  return { ms: median(runs.map((r) => r.ms)), bytes: median(runs.map((r) => r.bytes)) };
}
