import type { Clock } from "@/lib/clock";
import { log } from "@/lib/core/log";
import type { Dispatcher } from "./dispatch";

export type Loop = {
  /** Lets the step in progress finish (a batch already sent gets recorded), then ends the loop. */
  stop(): Promise<void>;
};

/**
 * Runs `step` until stopped: straight away again while it reports more work, otherwise after
 * `idleMs`. A failing step (the database restarting, say) is logged and tried again after `idleMs`.
 */
export function startLoop(name: string, step: () => Promise<boolean>, idleMs: number): Loop {
  let stopping = false;
  let wake = () => {};
  const finished = (async () => {
    while (!stopping) {
      let more = false;
      try {
        more = await step();
      } catch (error) {
        log.error({ err: error, loop: name }, "worker step failed");
      }
      if (!more && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake();
      await finished;
    },
  };
}

/** One step of draining the outbox: a batch sent (or scheduled for retry) means there may be more. */
export function drainStep(dispatcher: Dispatcher, clock: Clock, onBatch: (sent: number, failed: number) => void = () => {}) {
  return async (): Promise<boolean> => {
    const report = await dispatcher.dispatchBatch(clock());
    if (report) onBatch(report.sent, report.failed);
    return report !== null;
  };
}
