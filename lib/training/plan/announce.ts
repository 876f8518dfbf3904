// 发布日期通知: a phase's dates, emailed to the people of every unit the training task is assigned to.
import type { Tx } from "@/db";
import type { Campaign, TrainingPhase } from "@/db/schema";
import { getAssignedRecipients } from "@/lib/campaigns/notify";
import { contactLine } from "@/lib/campaigns/schemas";
import { env } from "@/lib/env";
import { enqueueEmails } from "@/lib/mail/outbox";
import { recipientFields } from "@/lib/mail/recipients";
import { renderEmail } from "@/lib/mail/render";
import { formatPhaseDates, phaseLabel } from "./dates";

/**
 * Queues one email per recipient of the assigned units (the same people the notice reached), keyed by the phase, its
 * dates and the person: announcing the same dates twice sends nothing more, new dates go out again. Returns how many were queued.
 */
export async function notifyPhaseDates(tx: Tx, campaign: Campaign, phase: TrainingPhase, now: Date): Promise<number> {
  const rows = await getAssignedRecipients(tx, campaign.id);
  if (rows.length === 0) return 0;
  const url = new URL(`/training/${campaign.id}`, env().APP_URL).toString();
  const dates = formatPhaseDates(phase.startsOn, phase.endsOn);
  const emails = rows.map((recipient) => {
    const email = renderEmail({
      subject: `【培训日期通知】${phaseLabel(phase.ordinal)} ${phase.title}：${dates}`,
      greeting: `${recipient.name}同志：`,
      paragraphs: [
        `根据《${campaign.title}》（${campaign.docNumber}），${phaseLabel(phase.ordinal)}「${phase.title}」定于 ${dates} 进行。`,
        `请登录平台查看各场次的时间、地点或会议链接和名额，并按要求报送培训回执（${recipient.unitName}）。`,
      ],
      action: { label: "查看培训安排", url },
      footer: campaign.contacts.map(contactLine),
    });
    const key = recipient.userId ?? recipient.address;
    return {
      ...email,
      ...recipientFields(campaign.id, recipient),
      kind: "training_phase_dates",
      dedupeKey: `training_phase_dates:${phase.id}:${phase.startsOn}:${phase.endsOn}:${key}`,
      at: now,
    };
  });
  return (await enqueueEmails(tx, emails)).length;
}
