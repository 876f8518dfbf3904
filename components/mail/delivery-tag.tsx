import { Tag, type TagTone } from "@/components/ui/tag";
import type { OutboxEmail } from "@/db/schema";
import { DELIVERY_LABELS, type DeliveryState, deliveryState } from "@/lib/mailbox/labels";

const TONES: Record<DeliveryState, TagTone> = { pending: "grey", sent: "green", failed: "red", bounced: "orange" };

export function DeliveryTag({ email }: { email: Pick<OutboxEmail, "status" | "bouncedAt"> }) {
  const state = deliveryState(email);
  return (
    <Tag tone={TONES[state]} testId="delivery-status">
      {DELIVERY_LABELS[state]}
    </Tag>
  );
}
