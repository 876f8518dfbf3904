import { describe, expect, it } from "vitest";
import { batchIdempotencyKey } from "@/lib/mail/dispatch";
import { parseRetryAfter, retryDelayMs } from "@/lib/mail/retry";

const NOW = new Date("2021-11-25T01:00:00Z");

describe("retryDelayMs", () => {
  it("doubles with every failed try, up to a ceiling", () => {
    const highest = (attempt: number) => retryDelayMs(attempt, null, () => 1);
    expect([1, 2, 3, 4].map(highest)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(highest(20)).toBe(highest(30));
  });

  it("spreads retries by jitter over the upper half of the window", () => {
    expect(retryDelayMs(3, null, () => 0)).toBe(60_000);
    expect(retryDelayMs(3, null, () => 0.5)).toBe(90_000);
    expect(retryDelayMs(3, null, () => 1)).toBe(120_000);
  });

  it("never retries sooner than the provider's retry-after", () => {
    expect(retryDelayMs(1, 600_000, () => 1)).toBe(600_000);
    expect(retryDelayMs(4, 1000, () => 0)).toBe(120_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2", NOW)).toBe(2000);
    expect(parseRetryAfter("0.5", NOW)).toBe(500);
    expect(parseRetryAfter(new Date(NOW.getTime() + 90_000).toUTCString(), NOW)).toBe(90_000);
  });

  it("is null when there is nothing usable", () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter("", NOW)).toBeNull();
    expect(parseRetryAfter("soon", NOW)).toBeNull();
  });
});

describe("batchIdempotencyKey", () => {
  it("depends on which rows are in the batch, not on their order", () => {
    expect(batchIdempotencyKey([3, 1, 2])).toBe(batchIdempotencyKey([1, 2, 3]));
    expect(batchIdempotencyKey([1, 2, 3])).not.toBe(batchIdempotencyKey([1, 2, 4]));
    expect(batchIdempotencyKey([12, 3])).not.toBe(batchIdempotencyKey([1, 23]));
    expect(batchIdempotencyKey(Array.from({ length: 100 }, (_, i) => 2_000_000_000 + i)).length).toBeLessThanOrEqual(256);
  });
});
