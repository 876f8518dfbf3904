DROP INDEX "submission_events_submission_idx";--> statement-breakpoint
CREATE INDEX "roster_entries_campaign_email_idx" ON "roster_entries" USING btree ("campaign_id","email");--> statement-breakpoint
CREATE INDEX "roster_entries_campaign_phone_idx" ON "roster_entries" USING btree ("campaign_id","phone");--> statement-breakpoint
CREATE INDEX "submission_events_submission_idx" ON "submission_events" USING btree ("submission_id","at","id");