/** Spaces provider requests so that at most `perSecond` start in any second (the account's rate limit). */
export type Pacer = { wait(): Promise<void> };

export function createPacer(perSecond: number): Pacer {
  const gapMs = 1000 / perSecond;
  let nextAt = 0;
  return {
    async wait() {
      const now = performance.now();
      const startAt = Math.max(now, nextAt);
      nextAt = startAt + gapMs;
      if (startAt > now) await new Promise((resolve) => setTimeout(resolve, startAt - now));
    },
  };
}

/** For the local mailbox: nothing to be polite to. */
export const unpaced: Pacer = { wait: async () => {} };
