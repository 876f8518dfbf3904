import type { Role, UnitKind } from "@/db/schema";

/** The portal role of a unit's administrator follows the unit's kind. */
export const ROLE_BY_UNIT_KIND: Partial<Record<UnitKind, Role>> = {
  city_bureau: "city_officer",
  county_bureau: "county_officer",
  school: "school_staff",
  college: "school_staff",
};
