CREATE TYPE "public"."campaign_kind" AS ENUM('roster', 'training');--> statement-breakpoint
CREATE TYPE "public"."training_attendance_match" AS ENUM('matched', 'unmatched', 'ambiguous', 'ignored');--> statement-breakpoint
CREATE TYPE "public"."training_attendance" AS ENUM('unknown', 'present', 'absent');--> statement-breakpoint
CREATE TYPE "public"."training_question_category" AS ENUM('account', 'import', 'defect', 'definition', 'other');--> statement-breakpoint
CREATE TYPE "public"."training_question_state" AS ENUM('open', 'triaged', 'answered');--> statement-breakpoint
CREATE TYPE "public"."training_registration_state" AS ENUM('draft', 'confirmed', 'approved');--> statement-breakpoint
CREATE TYPE "public"."training_mode" AS ENUM('onsite', 'online');--> statement-breakpoint
CREATE TABLE "training_attendance_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_attendance_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"line" integer NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"unit_name" text,
	"joined_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"duration_minutes" integer,
	"match" "training_attendance_match" NOT NULL,
	"registration_id" integer,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" integer,
	CONSTRAINT "training_attendance_lines_matched" CHECK (("training_attendance_lines"."match" = 'matched') = ("training_attendance_lines"."registration_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_phases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_phases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"announced_at" timestamp with time zone,
	CONSTRAINT "training_phases_campaign_ordinal_key" UNIQUE("campaign_id","ordinal"),
	CONSTRAINT "training_phases_dates" CHECK ("training_phases"."ends_on" is null or "training_phases"."starts_on" is null or "training_phases"."ends_on" >= "training_phases"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "training_question_screenshots" (
	"question_id" integer PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"category" "training_question_category" NOT NULL,
	"body" text NOT NULL,
	"state" "training_question_state" DEFAULT 'open' NOT NULL,
	"triage_note" text,
	"triaged_at" timestamp with time zone,
	"triaged_by" integer,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" integer,
	"faq_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "training_questions_answered" CHECK (("training_questions"."state" = 'answered') = ("training_questions"."answer" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_quotas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_quotas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"seats" integer NOT NULL,
	CONSTRAINT "training_quotas_session_unit_key" UNIQUE("session_id","unit_id"),
	CONSTRAINT "training_quotas_seats" CHECK ("training_quotas"."seats" >= 0)
);
--> statement-breakpoint
CREATE TABLE "training_registrations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"roster_entry_id" integer,
	"substitute_reason" text,
	"state" "training_registration_state" DEFAULT 'draft' NOT NULL,
	"attendance" "training_attendance" DEFAULT 'unknown' NOT NULL,
	"remedial_of" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "training_registrations_session_unit_key" UNIQUE("session_id","unit_id"),
	CONSTRAINT "training_registrations_email_lower" CHECK ("training_registrations"."email" = lower("training_registrations"."email"))
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"phase_id" integer NOT NULL,
	"title" text NOT NULL,
	"mode" "training_mode" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text,
	"meeting_link" text,
	"capacity" integer NOT NULL,
	"audience" "unit_kind"[] NOT NULL,
	"remedial" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_capacity" CHECK ("training_sessions"."capacity" > 0),
	CONSTRAINT "training_sessions_times" CHECK ("training_sessions"."ends_at" > "training_sessions"."starts_at"),
	CONSTRAINT "training_sessions_where" CHECK (("training_sessions"."mode" = 'onsite' and "training_sessions"."place" is not null) or ("training_sessions"."mode" = 'online' and "training_sessions"."meeting_link" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_sign_in_scans" (
	"session_id" integer PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uploaded_by" integer
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "kind" "campaign_kind" DEFAULT 'roster' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "source_campaign_id" integer;--> statement-breakpoint
ALTER TABLE "training_attendance_lines" ADD CONSTRAINT "training_attendance_lines_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance_lines" ADD CONSTRAINT "training_attendance_lines_registration_id_training_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."training_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance_lines" ADD CONSTRAINT "training_attendance_lines_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_phases" ADD CONSTRAINT "training_phases_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_question_screenshots" ADD CONSTRAINT "training_question_screenshots_question_id_training_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."training_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_quotas" ADD CONSTRAINT "training_quotas_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_quotas" ADD CONSTRAINT "training_quotas_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_roster_entry_id_roster_entries_id_fk" FOREIGN KEY ("roster_entry_id") REFERENCES "public"."roster_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_remedial_of_training_registrations_id_fk" FOREIGN KEY ("remedial_of") REFERENCES "public"."training_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_phase_id_training_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."training_phases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sign_in_scans" ADD CONSTRAINT "training_sign_in_scans_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sign_in_scans" ADD CONSTRAINT "training_sign_in_scans_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_attendance_lines_session_idx" ON "training_attendance_lines" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "training_questions_campaign_idx" ON "training_questions" USING btree ("campaign_id","state");--> statement-breakpoint
CREATE INDEX "training_registrations_submission_idx" ON "training_registrations" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "training_registrations_campaign_phone_idx" ON "training_registrations" USING btree ("campaign_id","phone");--> statement-breakpoint
CREATE INDEX "training_sessions_campaign_idx" ON "training_sessions" USING btree ("campaign_id");--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_source_campaign_id_campaigns_id_fk" FOREIGN KEY ("source_campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;