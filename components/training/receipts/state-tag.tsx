import type { RegistrationState } from "@/db/schema";
import { Tag } from "@/components/ui/tag";
import { REGISTRATION_STATE_LABELS, REGISTRATION_STATE_TONES } from "@/lib/training/receipts/labels";

export function RegistrationStateTag({ state }: { state: RegistrationState }) {
  return (
    <Tag tone={REGISTRATION_STATE_TONES[state]} testId="registration-state">
      {REGISTRATION_STATE_LABELS[state]}
    </Tag>
  );
}
