// The server actions of each decider on delegated rows: the city's on its table, a collecting county's on the rows
// it handed on to its schools. The forms and buttons take the decider and run its actions.
import {
  assignRows,
  assignToSchools,
  confirmRows,
  confirmSchoolRows,
  returnRow,
  returnSchoolRow,
  setDelegateDeadline,
  setSchoolsDeadline,
  takeBackFromSchools,
  takeBackRows,
} from "@/lib/delegation/actions";
import type { DeciderKind } from "@/lib/delegation/rules";

export const DECIDER_ACTIONS = {
  city: { assign: assignRows, takeBack: takeBackRows, setDeadline: setDelegateDeadline, confirm: confirmRows, returnRow },
  county: { assign: assignToSchools, takeBack: takeBackFromSchools, setDeadline: setSchoolsDeadline, confirm: confirmSchoolRows, returnRow: returnSchoolRow },
} as const satisfies Record<DeciderKind, Record<string, unknown>>;

/** Who the decider's 退回 and 确认 go to, in the words of its buttons and dialogs. */
export const LOWER_LEVEL: Record<DeciderKind, string> = { city: "下级", county: "学校" };
