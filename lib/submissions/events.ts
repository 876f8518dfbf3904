import type { DbOrTx } from "@/db";
import { submissionEvents } from "@/db/schema";
import type { EVENT_LABELS } from "./event-labels";


export async function recordEvent(
  db: DbOrTx,
  event: { submissionId: number; actorId: number; action: keyof typeof EVENT_LABELS; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(submissionEvents).values({ ...event, detail: event.detail ?? {} });
}
