ALTER TYPE "public"."delegated_row_state" ADD VALUE 'accepted';--> statement-breakpoint
ALTER TABLE "delegations" ADD COLUMN "parent_delegation_id" integer;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_parent_delegation_id_delegations_id_fk" FOREIGN KEY ("parent_delegation_id") REFERENCES "public"."delegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delegations_parent_idx" ON "delegations" USING btree ("parent_delegation_id");