import type { Role, UnitKind } from "@/db/schema";

/** The signed-in person a request acts for; everything about scope comes from here. */
export type Actor = {
  userId: number;
  sessionId: string;
  name: string;
  email: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
};
