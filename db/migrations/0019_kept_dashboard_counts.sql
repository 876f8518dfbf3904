CREATE TABLE "roster_child_counts" (
	"campaign_id" integer NOT NULL,
	"parent_id" integer NOT NULL,
	"filled" integer NOT NULL,
	CONSTRAINT "roster_child_counts_campaign_id_parent_id_pk" PRIMARY KEY("campaign_id","parent_id")
);
--> statement-breakpoint
CREATE TABLE "unit_child_counts" (
	"parent_id" integer PRIMARY KEY NOT NULL,
	"active_children" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roster_child_counts" ADD CONSTRAINT "roster_child_counts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_child_counts" ADD CONSTRAINT "roster_child_counts_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_child_counts" ADD CONSTRAINT "unit_child_counts_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_entries_unit_idx" ON "roster_entries" USING btree ("unit_id");--> statement-breakpoint
-- The dashboard's counts, kept by the writes (db/schema/counts.ts). A parent's counters change only by row-level
-- upserts of a delta, so concurrent writers add up; each statement's upserts go in key order, so two writers never
-- wait on each other's counters in opposite orders. A row's writer holds its unit FOR SHARE while it counts the row
-- at the unit's parent: a concurrent move or deactivation of the unit waits for it (and then moves the row's count
-- along), or it waits for that to commit and counts the row at the new parent.
CREATE FUNCTION roster_child_counts_add(campaign integer, unit integer, delta integer) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO roster_child_counts AS k (campaign_id, parent_id, filled)
  SELECT campaign, u.reporting_parent_id, delta FROM units u WHERE u.id = unit AND u.active AND u.reporting_parent_id IS NOT NULL
  ON CONFLICT (campaign_id, parent_id) DO UPDATE SET filled = k.filled + excluded.filled;
$$;
--> statement-breakpoint
-- Rows inserted or deleted (changed_rows: the statement's new or old rows), counted once per statement.
CREATE FUNCTION roster_child_counts_follow_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM 1 FROM units WHERE id IN (SELECT unit_id FROM changed_rows) ORDER BY id FOR SHARE;
  INSERT INTO roster_child_counts AS k (campaign_id, parent_id, filled)
  SELECT r.campaign_id, u.reporting_parent_id, count(*)::int * CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END
  FROM changed_rows r JOIN units u ON u.id = r.unit_id
  WHERE u.active AND u.reporting_parent_id IS NOT NULL
  GROUP BY r.campaign_id, u.reporting_parent_id
  ORDER BY r.campaign_id, u.reporting_parent_id
  ON CONFLICT (campaign_id, parent_id) DO UPDATE SET filled = k.filled + excluded.filled;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roster_child_counts_inserted AFTER INSERT ON roster_entries REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_child_counts_follow_rows();
--> statement-breakpoint
CREATE TRIGGER roster_child_counts_deleted AFTER DELETE ON roster_entries REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_child_counts_follow_rows();
--> statement-breakpoint
-- A row handed to another unit or campaign (the portal never does; a repair by hand might).
CREATE FUNCTION roster_child_counts_follow_row_move() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM 1 FROM units WHERE id IN (OLD.unit_id, NEW.unit_id) ORDER BY id FOR SHARE;
  PERFORM roster_child_counts_add(OLD.campaign_id, OLD.unit_id, -1);
  PERFORM roster_child_counts_add(NEW.campaign_id, NEW.unit_id, 1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roster_child_counts_moved AFTER UPDATE OF unit_id, campaign_id ON roster_entries FOR EACH ROW
  WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.campaign_id IS DISTINCT FROM NEW.campaign_id)
  EXECUTE FUNCTION roster_child_counts_follow_row_move();
--> statement-breakpoint
-- Units added or removed (changed_units: the statement's new or old rows). A new unit has no rows yet; a unit
-- with rows cannot be deleted.
CREATE FUNCTION unit_child_counts_follow_units() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO unit_child_counts AS k (parent_id, active_children)
  SELECT reporting_parent_id, count(*)::int * CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END
  FROM changed_units WHERE active AND reporting_parent_id IS NOT NULL
  GROUP BY reporting_parent_id ORDER BY reporting_parent_id
  ON CONFLICT (parent_id) DO UPDATE SET active_children = k.active_children + excluded.active_children;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_child_counts_inserted AFTER INSERT ON units REFERENCING NEW TABLE AS changed_units FOR EACH STATEMENT EXECUTE FUNCTION unit_child_counts_follow_units();
--> statement-breakpoint
CREATE TRIGGER unit_child_counts_deleted AFTER DELETE ON units REFERENCING OLD TABLE AS changed_units FOR EACH STATEMENT EXECUTE FUNCTION unit_child_counts_follow_units();
--> statement-breakpoint
-- Units deactivated, reactivated or moved to another parent: each leaves its old parent's counts (its own row in
-- every campaign included) and joins its new parent's.
CREATE FUNCTION child_counts_follow_unit_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH changed AS (
    SELECT o.id, o.active AS was_active, o.reporting_parent_id AS old_parent, n.active AS is_active, n.reporting_parent_id AS new_parent
    FROM old_units o JOIN new_units n ON n.id = o.id
    WHERE o.active IS DISTINCT FROM n.active OR o.reporting_parent_id IS DISTINCT FROM n.reporting_parent_id
  ),
  deltas AS (
    SELECT id AS unit_id, old_parent AS parent_id, -1 AS delta FROM changed WHERE was_active AND old_parent IS NOT NULL
    UNION ALL
    SELECT id, new_parent, 1 FROM changed WHERE is_active AND new_parent IS NOT NULL
  ),
  children AS (
    INSERT INTO unit_child_counts AS k (parent_id, active_children)
    SELECT parent_id, sum(delta)::int FROM deltas GROUP BY parent_id HAVING sum(delta) <> 0 ORDER BY parent_id
    ON CONFLICT (parent_id) DO UPDATE SET active_children = k.active_children + excluded.active_children
  )
  INSERT INTO roster_child_counts AS k (campaign_id, parent_id, filled)
  SELECT e.campaign_id, d.parent_id, sum(d.delta)::int FROM deltas d JOIN roster_entries e ON e.unit_id = d.unit_id
  GROUP BY e.campaign_id, d.parent_id HAVING sum(d.delta) <> 0 ORDER BY e.campaign_id, d.parent_id
  ON CONFLICT (campaign_id, parent_id) DO UPDATE SET filled = k.filled + excluded.filled;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER child_counts_units_changed AFTER UPDATE ON units REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION child_counts_follow_unit_changes();
--> statement-breakpoint
-- The counts so far; the triggers above already hold off every writer of units and roster_entries until commit.
INSERT INTO unit_child_counts (parent_id, active_children)
SELECT reporting_parent_id, count(*)::int FROM units WHERE active AND reporting_parent_id IS NOT NULL GROUP BY reporting_parent_id;
--> statement-breakpoint
INSERT INTO roster_child_counts (campaign_id, parent_id, filled)
SELECT e.campaign_id, u.reporting_parent_id, count(*)::int FROM roster_entries e JOIN units u ON u.id = e.unit_id
WHERE u.active AND u.reporting_parent_id IS NOT NULL GROUP BY e.campaign_id, u.reporting_parent_id;
