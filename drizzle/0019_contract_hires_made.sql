ALTER TABLE "contracts" ADD COLUMN "hires_made" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Placements recorded before the column existed.
UPDATE "contracts" c SET "hires_made" = (SELECT count(*)::int FROM "placements" p WHERE p."contract_id" = c."id" AND p."hired");
