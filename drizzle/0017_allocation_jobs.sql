CREATE TABLE "match_changes" (
	"seq" bigint NOT NULL,
	"occupation_code" text,
	"entity_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_changes_seq_entity_id_pk" PRIMARY KEY("seq","entity_id")
);
--> statement-breakpoint
CREATE TABLE "match_watermark" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allocations" ALTER COLUMN "assignments" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ALTER COLUMN "underfilled_orders" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ALTER COLUMN "objective" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ALTER COLUMN "stats" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "status" text DEFAULT 'queued' NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "progress" jsonb;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "failure" jsonb;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "match_changes_at_idx" ON "match_changes" USING btree ("at");--> statement-breakpoint
CREATE INDEX "allocations_pending_idx" ON "allocations" USING btree ("status","created_at","id") WHERE status in ('queued', 'running');