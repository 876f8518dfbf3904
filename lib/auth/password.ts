import { setTimeout as sleep } from "node:timers/promises";
import { hash, verify } from "@node-rs/argon2";

// 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const options = { algorithm: 2 } as const;

/**
 * Argon2id is costly by design, and a burst of sign-ins running it on every core would stall every other page of the
 * process. So the process hashes one password at a time, and after each waits twice as long as the hash took: hashing
 * uses at most a third of one core however many sign-ins arrive (with each sign-in's own page work, half a core left
 * the other pages under 0.7× their pace in a burst). The rest wait their turn; during a burst a sign-in takes longer,
 * the other pages do not.
 */
const PAUSE_PER_HASH = 2;

let turn: Promise<unknown> = Promise.resolve();

export function inTurn<T>(work: () => Promise<T>): Promise<T> {
  let took = 0;
  const done = turn.then(async () => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      took = performance.now() - started;
    }
  });
  turn = done.then(
    () => sleep(took * PAUSE_PER_HASH),
    () => sleep(took * PAUSE_PER_HASH),
  );
  return done;
}

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => hash(password, options));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash so an unknown email costs the same time as a wrong password. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("baosong-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
