// How a 回执's state reads on the page. Browser-safe: the components share it.
import type { RegistrationState } from "@/db/schema";

export const REGISTRATION_STATE_LABELS: Record<RegistrationState, string> = {
  draft: "待确认",
  confirmed: "已确认",
  approved: "已审核",
};

export const REGISTRATION_STATE_TONES = { draft: "grey", confirmed: "blue", approved: "green" } as const satisfies Record<RegistrationState, string>;
