CREATE TYPE "public"."discrepancy_severity" AS ENUM('error', 'notice');--> statement-breakpoint
CREATE TYPE "public"."discrepancy_state" AS ENUM('open', 'corrected', 'explained', 'closed', 'returned');--> statement-breakpoint
CREATE TYPE "public"."reference_source" AS ENUM('school_codes', 'statistics', 'students', 'teachers');--> statement-breakpoint
ALTER TYPE "public"."campaign_kind" ADD VALUE 'verification';--> statement-breakpoint
CREATE TABLE "discrepancies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "discrepancies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"rule_id" integer NOT NULL,
	"key" text NOT NULL,
	"severity" "discrepancy_severity" NOT NULL,
	"subject" text NOT NULL,
	"left_label" text NOT NULL,
	"left_value" text,
	"right_label" text NOT NULL,
	"right_value" text,
	"state" "discrepancy_state" DEFAULT 'open' NOT NULL,
	"corrected_value" text,
	"explanation" text,
	"answered_at" timestamp with time zone,
	"answered_by" integer,
	"return_reason" text,
	"returned_at" timestamp with time zone,
	"returned_by" integer,
	"detected_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "discrepancies_campaign_unit_key" UNIQUE("campaign_id","unit_id","key"),
	CONSTRAINT "discrepancies_corrected_has_value" CHECK ("discrepancies"."state" <> 'corrected' or "discrepancies"."corrected_value" is not null),
	CONSTRAINT "discrepancies_explained_has_text" CHECK ("discrepancies"."state" <> 'explained' or "discrepancies"."explanation" is not null)
);
--> statement-breakpoint
CREATE TABLE "discrepancy_attachments" (
	"discrepancy_id" integer PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reference_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"snapshot_id" integer NOT NULL,
	"school_code" text NOT NULL,
	"line" integer NOT NULL,
	"fields" jsonb NOT NULL,
	CONSTRAINT "reference_records_snapshot_school_key" UNIQUE("snapshot_id","school_code"),
	CONSTRAINT "reference_records_school_code_format" CHECK ("reference_records"."school_code" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "reference_snapshots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reference_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner_unit_id" integer NOT NULL,
	"source" "reference_source" NOT NULL,
	"school_year" integer NOT NULL,
	"version" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"records" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" integer,
	CONSTRAINT "reference_snapshots_version_key" UNIQUE("owner_unit_id","source","school_year","version"),
	CONSTRAINT "reference_snapshots_file_key" UNIQUE("owner_unit_id","source","school_year","file_hash"),
	CONSTRAINT "reference_snapshots_school_year" CHECK ("reference_snapshots"."school_year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "verification_confirmations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "verification_confirmations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"confirmed_by" integer,
	CONSTRAINT "verification_confirmations_campaign_unit_key" UNIQUE("campaign_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "verification_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "verification_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner_unit_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"severity" "discrepancy_severity" NOT NULL,
	"tolerance" numeric(6, 4),
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "verification_rules_owner_code_key" UNIQUE("owner_unit_id","code"),
	CONSTRAINT "verification_rules_tolerance" CHECK ("verification_rules"."tolerance" is null or "verification_rules"."tolerance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "verification_tasks" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"school_year" integer NOT NULL,
	CONSTRAINT "verification_tasks_school_year" CHECK ("verification_tasks"."school_year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "discrepancies" ADD CONSTRAINT "discrepancies_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discrepancies" ADD CONSTRAINT "discrepancies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discrepancies" ADD CONSTRAINT "discrepancies_rule_id_verification_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."verification_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discrepancies" ADD CONSTRAINT "discrepancies_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discrepancies" ADD CONSTRAINT "discrepancies_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discrepancy_attachments" ADD CONSTRAINT "discrepancy_attachments_discrepancy_id_discrepancies_id_fk" FOREIGN KEY ("discrepancy_id") REFERENCES "public"."discrepancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_records" ADD CONSTRAINT "reference_records_snapshot_id_reference_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."reference_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_snapshots" ADD CONSTRAINT "reference_snapshots_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_snapshots" ADD CONSTRAINT "reference_snapshots_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_confirmations" ADD CONSTRAINT "verification_confirmations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_confirmations" ADD CONSTRAINT "verification_confirmations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_confirmations" ADD CONSTRAINT "verification_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_rules" ADD CONSTRAINT "verification_rules_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_rules" ADD CONSTRAINT "verification_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_tasks" ADD CONSTRAINT "verification_tasks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discrepancies_campaign_state_idx" ON "discrepancies" USING btree ("campaign_id","state");--> statement-breakpoint
CREATE INDEX "reference_records_school_idx" ON "reference_records" USING btree ("school_code");