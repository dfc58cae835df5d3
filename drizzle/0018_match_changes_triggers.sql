-- Written by hand (drizzle-kit models neither triggers nor data fixes).
-- Allocations stored before jobs existed are finished runs.
UPDATE "allocations" SET "status" = 'succeeded', "started_at" = "created_at", "finished_at" = "created_at"
WHERE "assignments" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "match_watermark" ("id", "seq") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Numbers every write that matching can see. The triggers are deferred, so they run at commit, after the
-- transaction holds every other lock it takes: the counter row's lock is held only from there to the commit, and
-- since the next writer waits for it, seq grows in commit order. A reader that sees seq N has seen every write <= N.
-- Every row a transaction changes is noted under its one seq (an entity once).
CREATE FUNCTION "note_match_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rec record;
  occ text;
  ent text;
  next_seq bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN rec := OLD; ELSE rec := NEW; END IF;
  IF TG_TABLE_NAME IN ('cohorts', 'orders', 'programs') THEN
    occ := rec.occupation_code; ent := rec.id;
  ELSIF TG_TABLE_NAME = 'cohort_skills' THEN
    ent := rec.cohort_id; SELECT occupation_code INTO occ FROM cohorts WHERE id = ent;
    IF occ IS NULL THEN RETURN NULL; END IF; -- the cohort itself was deleted, and noted
  ELSIF TG_TABLE_NAME = 'order_skills' THEN
    ent := rec.order_id; SELECT occupation_code INTO occ FROM orders WHERE id = ent;
    IF occ IS NULL THEN RETURN NULL; END IF;
  ELSE
    occ := NULL; ent := rec.id; -- an organisation's status or city, or the taxonomy: anything may change
  END IF;
  -- One number per transaction: the first change it notes takes the counter, the others reuse it. (Updating the
  -- counter row once per changed row would make a bulk write quadratic.)
  next_seq := nullif(current_setting('orderbridge.match_seq', true), '')::bigint;
  IF next_seq IS NULL THEN
    UPDATE match_watermark SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO next_seq;
    PERFORM set_config('orderbridge.match_seq', next_seq::text, true);
  END IF;
  INSERT INTO match_changes (seq, occupation_code, entity_id) VALUES (next_seq, occ, ent) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "cohorts_match_change" AFTER INSERT OR UPDATE OR DELETE ON "cohorts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "cohort_skills_match_change" AFTER INSERT OR UPDATE OR DELETE ON "cohort_skills"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "orders_match_change" AFTER INSERT OR UPDATE OR DELETE ON "orders"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "order_skills_match_change" AFTER INSERT OR UPDATE OR DELETE ON "order_skills"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "programs_match_change" AFTER UPDATE ON "programs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.price_per_trainee_fen IS DISTINCT FROM NEW.price_per_trainee_fen OR OLD.mode IS DISTINCT FROM NEW.mode)
  EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "organizations_match_change" AFTER UPDATE ON "organizations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.city IS DISTINCT FROM NEW.city)
  EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "skills_match_change" AFTER INSERT OR UPDATE OR DELETE ON "skills"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "note_match_change"();
