CREATE TYPE "public"."delegated_row_state" AS ENUM('assigned', 'submitted', 'confirmed', 'returned');--> statement-breakpoint
CREATE TYPE "public"."delegation_state" AS ENUM('filling', 'submitted');--> statement-breakpoint
CREATE TABLE "delegated_rows" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delegated_rows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"delegation_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"state" "delegated_row_state" DEFAULT 'assigned' NOT NULL,
	"return_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	CONSTRAINT "delegated_rows_submission_unit_key" UNIQUE("submission_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delegations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"delegate_unit_id" integer NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"state" "delegation_state" DEFAULT 'filling' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	CONSTRAINT "delegations_submission_delegate_key" UNIQUE("submission_id","delegate_unit_id")
);
--> statement-breakpoint
ALTER TABLE "delegated_rows" ADD CONSTRAINT "delegated_rows_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegated_rows" ADD CONSTRAINT "delegated_rows_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegated_rows" ADD CONSTRAINT "delegated_rows_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegated_rows" ADD CONSTRAINT "delegated_rows_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_delegate_unit_id_units_id_fk" FOREIGN KEY ("delegate_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delegated_rows_delegation_idx" ON "delegated_rows" USING btree ("delegation_id");--> statement-breakpoint
CREATE INDEX "delegations_delegate_idx" ON "delegations" USING btree ("delegate_unit_id");