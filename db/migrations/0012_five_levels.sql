-- unit_kind is made anew rather than given ADD VALUE: the migrator runs every pending migration in one transaction, and
-- a value added to an existing type cannot be used before that transaction commits (the data fix that follows uses it).
ALTER TABLE "units" DROP CONSTRAINT "units_root_is_province";--> statement-breakpoint
ALTER TABLE "units" DROP CONSTRAINT "units_school_code_only_schools";--> statement-breakpoint
ALTER TYPE "public"."unit_kind" RENAME TO "unit_kind_before_ministry";--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('ministry', 'province_bureau', 'city_bureau', 'county_bureau', 'school', 'college');--> statement-breakpoint
ALTER TABLE "units" ALTER COLUMN "kind" SET DATA TYPE "public"."unit_kind" USING "kind"::text::"public"."unit_kind";--> statement-breakpoint
DROP TYPE "public"."unit_kind_before_ministry";--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_school_code_only_schools" CHECK ("units"."school_code" is null or "units"."kind" in ('school', 'college'));--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'ministry_viewer';--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "owner_unit_id" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_owner_unit_idx" ON "campaigns" USING btree ("owner_unit_id");