// `npm run worker` (also started by `npm run demo`): the reminder tick every minute, the outbox
// drained continuously, and a few times a day idle accounts disabled and expired personal data blanked.
// Any number of workers may run against one database. SIGTERM lets the batch in flight be recorded, then exits.
import { createDb } from "@/db";
import { log } from "@/lib/core/log";
import { processPasswordResetRequests } from "@/lib/accounts/password-reset";
import { systemClock } from "@/lib/clock";
import { EnvError, env } from "@/lib/env";
import { createDispatcher } from "@/lib/mail/dispatch";
import { createPacer, unpaced } from "@/lib/mail/pacer";
import { senderFromEnv } from "@/lib/mail/senders";
import { drainStep, startLoop } from "@/lib/mail/worker";
import { runReminderTick } from "@/lib/reminders/tick";
import { queueQuestionReminders } from "@/lib/training/questions/reminders";
import { purgeExpiredPersonalData } from "@/lib/privacy/retention";
import { disableIdleAccounts } from "@/lib/users/idle";
import { fail } from "./processes";

const TICK_MS = 60_000;
/** Idle accounts and retention are counted in days: looking a few times a day is enough, and a restart looks at once. */
const DAILY_CHECK_MS = 6 * 60 * 60 * 1000;

function config() {
  try {
    const settings = env();
    return { settings, sender: senderFromEnv(settings) };
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
}

const { settings, sender } = config();
const { db, client } = createDb(settings.DATABASE_URL, { max: 3 });
const dispatcher = createDispatcher({ db, sender, pacer: sender.name === "resend" ? createPacer(settings.MAIL_RATE_PER_SECOND) : unpaced });

const loops = [
  startLoop(
    "reminder tick",
    async () => {
      const queued = await runReminderTick({ db, now: systemClock() });
      if (Object.values(queued).some((n) => n > 0)) log.info(queued, "reminders queued");
      const questions = await queueQuestionReminders({ db, now: systemClock() });
      if (questions > 0) log.info({ questions }, "unanswered training questions reminded");
      return false;
    },
    TICK_MS,
  ),
  startLoop(
    "password reset requests",
    async () => (await processPasswordResetRequests({ db, now: systemClock() })) > 0,
    settings.WORKER_POLL_MS,
  ),
  startLoop(
    "idle accounts",
    async () => {
      const disabled = await disableIdleAccounts({ db, now: systemClock(), days: settings.ACCOUNT_IDLE_DISABLE_DAYS });
      if (disabled > 0) log.info({ disabled, idleDays: settings.ACCOUNT_IDLE_DISABLE_DAYS }, "idle accounts disabled");
      return false;
    },
    DAILY_CHECK_MS,
  ),
  startLoop(
    "personal data retention",
    async () => {
      const purged = await purgeExpiredPersonalData({ db, now: systemClock(), days: settings.PERSONAL_DATA_RETENTION_DAYS });
      if (purged.length > 0) console.log(`Worker: personal data of ${purged.length} campaign(s) closed over ${settings.PERSONAL_DATA_RETENTION_DAYS} days ago blanked.`);
      return false;
    },
    DAILY_CHECK_MS,
  ),
  startLoop(
    "outbox",
    drainStep(dispatcher, systemClock, (sent, failed) => {
      if (sent > 0) log.info({ sent, transport: sender.name }, "emails delivered");
      if (failed > 0) log.error({ failed, transport: sender.name }, "emails failed; see 「邮件」 in the portal");
    }),
    settings.WORKER_POLL_MS,
  ),
];
log.info({ transport: sender.name }, "worker started");

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await Promise.all(loops.map((loop) => loop.stop()));
  await client.end({ timeout: 5 });
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
