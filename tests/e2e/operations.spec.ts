import { expect, test } from "@playwright/test";

// What a load balancer asks, without a session: a redirect to /login would make every process look down.
test("/healthz and /readyz answer without a session", async ({ request }) => {
  const health = await request.get("/healthz", { maxRedirects: 0 });
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  const ready = await request.get("/readyz", { maxRedirects: 0 });
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ready: true, database: "ok", migrations: "current" });
  expect(ready.headers()["cache-control"]).toBe("no-store");
});
