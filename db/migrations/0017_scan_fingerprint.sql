ALTER TABLE "submission_scans" ADD COLUMN "table_fingerprint" text;--> statement-breakpoint
ALTER TABLE "submission_scans" ADD COLUMN "rejected_at" timestamp with time zone;