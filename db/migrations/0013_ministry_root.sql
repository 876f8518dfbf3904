-- Five levels (部、省、市、县、校): an existing tree (its root is a province bureau) gets 教育部 above it, and every
-- campaign so far was published by that province's bureau. A fresh database has no units: the seed makes the root.
INSERT INTO "units" ("code", "name", "kind")
SELECT 'MOE', '教育部', 'ministry' WHERE EXISTS (SELECT 1 FROM "units" WHERE "kind" = 'province_bureau');--> statement-breakpoint
UPDATE "units" SET "reporting_parent_id" = (SELECT "id" FROM "units" WHERE "kind" = 'ministry'), "updated_at" = now()
WHERE "kind" = 'province_bureau' AND "reporting_parent_id" IS NULL;--> statement-breakpoint
UPDATE "campaigns" SET "owner_unit_id" = (SELECT min("id") FROM "units" WHERE "kind" = 'province_bureau') WHERE "owner_unit_id" IS NULL;
