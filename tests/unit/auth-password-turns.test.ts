import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { inTurn, verifyPassword, hashPassword } from "@/lib/auth/password";

// Password hashing takes turns within the process, with a pause after each twice as long as the hash took, so a burst
// of sign-ins keeps at most a third of a core (lib/auth/password.ts).
describe("password hashing in turn", () => {
  it("runs one piece of work at a time, in arrival order, each starting only after the last one's pause", async () => {
    const spans: { i: number; start: number; end: number }[] = [];
    let running = 0;
    let most = 0;
    const work = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      const start = performance.now();
      await sleep(20);
      spans.push({ i, start, end: performance.now() });
      running--;
      return i;
    };
    const results = await Promise.all([0, 1, 2, 3].map((i) => inTurn(work(i))));
    expect(results).toEqual([0, 1, 2, 3]);
    expect(most).toBe(1);
    expect(spans.map((s) => s.i)).toEqual([0, 1, 2, 3]);
    // The next starts no sooner than the last ended plus twice as long (a timer may fire a millisecond early).
    for (let k = 1; k < spans.length; k++) expect(spans[k].start - spans[k - 1].end).toBeGreaterThanOrEqual(2 * (spans[k - 1].end - spans[k - 1].start) - 2);
  });

  it("keeps its turns after a piece of work fails, and the failure reaches its caller alone", async () => {
    const failing = inTurn(async () => {
      throw new Error("boom");
    });
    const after = inTurn(async () => "next");
    await expect(failing).rejects.toThrow("boom");
    await expect(after).resolves.toBe("next");
  });

  it("verifies several passwords at once correctly while taking turns", async () => {
    const stored = await hashPassword("正确的密码 Abc123!");
    const checks = await Promise.all(["正确的密码 Abc123!", "错误", "正确的密码 Abc123!"].map((p) => verifyPassword(stored, p)));
    expect(checks).toEqual([true, false, true]);
  });
});
