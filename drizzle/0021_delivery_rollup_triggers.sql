-- Written by hand (drizzle-kit models neither triggers nor data fixes).
-- delivery_rollup follows trainees, assessments and placements: each trigger takes away the affected trainees'
-- contribution before the statement and adds the one after. A trainee contributes 1 trainee, and 1 settled,
-- completed or dropped by its status; 1 certified if completed with a pass, 1 placed if completed and hired.
-- The triggers are per statement, with transition tables: a bulk insert (the seeds) is one upsert per contract.
CREATE FUNCTION "delivery_rollup_add"(pids text[], cids text[], signs int[], statuses text[], passes boolean[],
  hires boolean[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO delivery_rollup AS r (provider_org_id, contract_id, trainees, settled, completed, dropped, certified, placed)
  SELECT * FROM (
    SELECT c.pid, c.cid, sum(c.sign)::int AS trainees,
      coalesce(sum(c.sign) FILTER (WHERE c.status <> 'enrolled'), 0)::int AS settled,
      coalesce(sum(c.sign) FILTER (WHERE c.status = 'completed'), 0)::int AS completed,
      coalesce(sum(c.sign) FILTER (WHERE c.status = 'dropped'), 0)::int AS dropped,
      coalesce(sum(c.sign) FILTER (WHERE c.status = 'completed' AND c.pass), 0)::int AS certified,
      coalesce(sum(c.sign) FILTER (WHERE c.status = 'completed' AND c.hired), 0)::int AS placed
    FROM unnest(pids, cids, signs, statuses, passes, hires) AS c(pid, cid, sign, status, pass, hired)
    GROUP BY c.pid, c.cid
  ) d
  -- Contributions that cancel out (a second pass, a write that changed no status) write nothing.
  WHERE (d.trainees, d.settled, d.completed, d.dropped, d.certified, d.placed) <> (0, 0, 0, 0, 0, 0)
  ORDER BY d.pid, d.cid
  ON CONFLICT (provider_org_id, contract_id) DO UPDATE SET
    trainees = r.trainees + excluded.trainees,
    settled = r.settled + excluded.settled,
    completed = r.completed + excluded.completed,
    dropped = r.dropped + excluded.dropped,
    certified = r.certified + excluded.certified,
    placed = r.placed + excluded.placed
$$;
--> statement-breakpoint
-- Trainee rows: the statement's own rows are locked by it, so their passes and hire read here are final.
CREATE FUNCTION "delivery_rollup_trainees"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM delivery_rollup_add(array_agg(c.pid), array_agg(c.cid), array_agg(c.sign), array_agg(c.status),
      array_agg(c.pass), array_agg(c.hired))
    FROM (SELECT n.provider_org_id AS pid, n.contract_id AS cid, 1 AS sign, n.status,
            EXISTS (SELECT 1 FROM assessments a WHERE a.trainee_id = n.id AND a.result = 'pass') AS pass,
            EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = n.id AND p.hired) AS hired
          FROM new_rows n) c;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM delivery_rollup_add(array_agg(c.pid), array_agg(c.cid), array_agg(c.sign), array_agg(c.status),
      array_agg(c.pass), array_agg(c.hired))
    FROM (SELECT x.provider_org_id AS pid, x.contract_id AS cid, x.sign, x.status,
            EXISTS (SELECT 1 FROM assessments a WHERE a.trainee_id = x.id AND a.result = 'pass') AS pass,
            EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = x.id AND p.hired) AS hired
          FROM (SELECT o.id, o.provider_org_id, o.contract_id, o.status, -1 AS sign FROM old_rows o
                UNION ALL
                SELECT n.id, n.provider_org_id, n.contract_id, n.status, 1 FROM new_rows n) x) c;
  ELSE
    PERFORM delivery_rollup_add(array_agg(c.pid), array_agg(c.cid), array_agg(c.sign), array_agg(c.status),
      array_agg(c.pass), array_agg(c.hired))
    FROM (SELECT o.provider_org_id AS pid, o.contract_id AS cid, -1 AS sign, o.status,
            EXISTS (SELECT 1 FROM assessments a WHERE a.trainee_id = o.id AND a.result = 'pass') AS pass,
            EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = o.id AND p.hired) AS hired
          FROM old_rows o) c;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Assessment rows: "had a pass before" means a pass among the rows this statement did not write, or among the
-- ones it replaced. The trainees are locked first, and the next statement reads afresh (READ COMMITTED): of two
-- concurrent first passes, the second waits for the first's commit and sees it, so the trainee is certified once.
-- A trainee's update takes the same lock, so a pass racing its completion is counted by exactly one of them.
-- (FOR NO KEY UPDATE, not FOR UPDATE: each insert already holds the trainee's FOR KEY SHARE lock from its foreign
-- key check, which FOR UPDATE would wait for, and two such inserts would deadlock.)
CREATE FUNCTION "delivery_rollup_assessments"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mine text[] := '{}';
  old_pass text[] := '{}';
  affected text[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(id), '{}') INTO mine FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(trainee_id) FILTER (WHERE result = 'pass'), '{}') INTO old_pass FROM old_rows;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT trainee_id) INTO affected FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT x.trainee_id) INTO affected
    FROM (SELECT trainee_id FROM new_rows UNION SELECT trainee_id FROM old_rows) x;
  ELSE
    SELECT array_agg(DISTINCT trainee_id) INTO affected FROM old_rows;
  END IF;
  IF affected IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM trainees WHERE id = ANY (affected) ORDER BY id FOR NO KEY UPDATE;
  PERFORM delivery_rollup_add(array_agg(c.pid), array_agg(c.cid), array_agg(c.sign), array_agg(c.status),
    array_agg(c.pass), array_agg(c.hired))
  FROM (SELECT t.provider_org_id AS pid, t.contract_id AS cid, s.sign, t.status,
          CASE WHEN s.sign = 1
            THEN EXISTS (SELECT 1 FROM assessments a WHERE a.trainee_id = t.id AND a.result = 'pass')
            ELSE t.id = ANY (old_pass) OR EXISTS (SELECT 1 FROM assessments a
              WHERE a.trainee_id = t.id AND a.result = 'pass' AND a.id <> ALL (mine))
          END AS pass,
          EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = t.id AND p.hired) AS hired
        FROM trainees t CROSS JOIN (VALUES (1), (-1)) s(sign)
        WHERE t.id = ANY (affected)) c;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Placement rows (at most one per trainee), the same way: "hired before" is the replaced row's hire, or a hire
-- in a row this statement did not write.
CREATE FUNCTION "delivery_rollup_placements"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mine text[] := '{}';
  old_hired text[] := '{}';
  affected text[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(trainee_id), '{}') INTO mine FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(trainee_id) FILTER (WHERE hired), '{}') INTO old_hired FROM old_rows;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT trainee_id) INTO affected FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT x.trainee_id) INTO affected
    FROM (SELECT trainee_id FROM new_rows UNION SELECT trainee_id FROM old_rows) x;
  ELSE
    SELECT array_agg(DISTINCT trainee_id) INTO affected FROM old_rows;
  END IF;
  IF affected IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM trainees WHERE id = ANY (affected) ORDER BY id FOR NO KEY UPDATE;
  PERFORM delivery_rollup_add(array_agg(c.pid), array_agg(c.cid), array_agg(c.sign), array_agg(c.status),
    array_agg(c.pass), array_agg(c.hired))
  FROM (SELECT t.provider_org_id AS pid, t.contract_id AS cid, s.sign, t.status,
          EXISTS (SELECT 1 FROM assessments a WHERE a.trainee_id = t.id AND a.result = 'pass') AS pass,
          CASE WHEN s.sign = 1
            THEN EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = t.id AND p.hired)
            ELSE t.id = ANY (old_hired) OR EXISTS (SELECT 1 FROM placements p
              WHERE p.trainee_id = t.id AND p.hired AND p.trainee_id <> ALL (mine))
          END AS hired
        FROM trainees t CROSS JOIN (VALUES (1), (-1)) s(sign)
        WHERE t.id = ANY (affected)) c;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "trainees_rollup_insert" AFTER INSERT ON "trainees" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_trainees"();
--> statement-breakpoint
CREATE TRIGGER "trainees_rollup_update" AFTER UPDATE ON "trainees"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_trainees"();
--> statement-breakpoint
CREATE TRIGGER "trainees_rollup_delete" AFTER DELETE ON "trainees" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_trainees"();
--> statement-breakpoint
CREATE TRIGGER "assessments_rollup_insert" AFTER INSERT ON "assessments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_assessments"();
--> statement-breakpoint
CREATE TRIGGER "assessments_rollup_update" AFTER UPDATE ON "assessments"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_assessments"();
--> statement-breakpoint
CREATE TRIGGER "assessments_rollup_delete" AFTER DELETE ON "assessments" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_assessments"();
--> statement-breakpoint
CREATE TRIGGER "placements_rollup_insert" AFTER INSERT ON "placements" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_placements"();
--> statement-breakpoint
CREATE TRIGGER "placements_rollup_update" AFTER UPDATE ON "placements"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_placements"();
--> statement-breakpoint
CREATE TRIGGER "placements_rollup_delete" AFTER DELETE ON "placements" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delivery_rollup_placements"();
--> statement-breakpoint
-- The rows already there. The triggers above exist first and lock the tables against writes until this commits.
INSERT INTO "delivery_rollup" (provider_org_id, contract_id, trainees, settled, completed, dropped, certified, placed)
SELECT t.provider_org_id, t.contract_id, count(*),
  count(*) FILTER (WHERE t.status <> 'enrolled'),
  count(*) FILTER (WHERE t.status = 'completed'),
  count(*) FILTER (WHERE t.status = 'dropped'),
  count(*) FILTER (WHERE t.status = 'completed' AND cert.trainee_id IS NOT NULL),
  count(*) FILTER (WHERE t.status = 'completed' AND p.hired)
FROM trainees t
LEFT JOIN placements p ON p.trainee_id = t.id
LEFT JOIN (SELECT DISTINCT trainee_id FROM assessments WHERE result = 'pass') cert ON cert.trainee_id = t.id
GROUP BY t.provider_org_id, t.contract_id;
--> statement-breakpoint
-- Track records move the match index: a provider's figures, and its city's prior. They are noted with no
-- occupation (every instance starts its index again), and only when a rate or the contract count may move.
CREATE OR REPLACE FUNCTION "note_match_change"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  ELSIF TG_TABLE_NAME = 'delivery_rollup' THEN
    occ := NULL; ent := rec.provider_org_id; -- a track record: its city's prior moves too
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
CREATE CONSTRAINT TRIGGER "delivery_rollup_match_change_insert" AFTER INSERT ON "delivery_rollup"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.settled > 0)
  EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "delivery_rollup_match_change_update" AFTER UPDATE ON "delivery_rollup"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.settled > 0, OLD.completed, OLD.dropped, OLD.certified, OLD.placed)
    IS DISTINCT FROM (NEW.settled > 0, NEW.completed, NEW.dropped, NEW.certified, NEW.placed))
  EXECUTE FUNCTION "note_match_change"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "delivery_rollup_match_change_delete" AFTER DELETE ON "delivery_rollup"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.settled > 0)
  EXECUTE FUNCTION "note_match_change"();
