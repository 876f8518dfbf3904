import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** 部、省、市、县、校: the 教育部 (`ministry`) is the single root; each province_bureau hangs under it. */
export const unitKind = pgEnum("unit_kind", ["ministry", "province_bureau", "city_bureau", "county_bureau", "school", "college"]);

/** The reporting hierarchy. `reportingParentId` can differ from the administrative parent (定州、辛集、雄安). */
export const units = pgTable(
  "units",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    kind: unitKind("kind").notNull(),
    reportingParentId: integer("reporting_parent_id").references((): AnyPgColumn => units.id),
    divisionCode: text("division_code"),
    schoolCode: text("school_code"),
    provinceAffiliated: boolean("province_affiliated").notNull().default(false),
    active: boolean("active").notNull().default(true),
    /** Registry order within a parent: the order rows appear in the table. */
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("units_school_code_key").on(t.schoolCode).where(sql`${t.schoolCode} is not null`),
    index("units_reporting_parent_idx").on(t.reportingParentId),
    check("units_school_code_format", sql`${t.schoolCode} is null or ${t.schoolCode} ~ '^[0-9]{10}$'`),
    check("units_school_code_only_schools", sql`${t.schoolCode} is null or ${t.kind} in ('school', 'college')`),
    check("units_root_is_ministry", sql`(${t.reportingParentId} is null) = (${t.kind} = 'ministry')`),
    check("units_not_own_parent", sql`${t.reportingParentId} is distinct from ${t.id}`),
  ],
);

export type Unit = typeof units.$inferSelect;
export type UnitKind = (typeof unitKind.enumValues)[number];
