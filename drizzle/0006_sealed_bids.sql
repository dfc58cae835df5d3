CREATE TABLE "bid_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"bid_id" text NOT NULL,
	"revision" integer NOT NULL,
	"changed_fields" jsonb NOT NULL,
	"terms" jsonb,
	"sealed_key_id" text,
	"sealed_terms" text,
	"revised_by" text NOT NULL,
	"revised_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bid_revisions_sealed_or_clear" CHECK (("bid_revisions"."terms" is null) = ("bid_revisions"."sealed_terms" is not null and "bid_revisions"."sealed_key_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "cohort_size" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "price_per_trainee_fen" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "start_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "end_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "proposal" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "valid_until" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "sealed_key_id" text;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "sealed_terms" text;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "exclusion_reason" text;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "bids_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bid_revisions" ADD CONSTRAINT "bid_revisions_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_revisions" ADD CONSTRAINT "bid_revisions_revised_by_users_id_fk" FOREIGN KEY ("revised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bid_revisions_bid_idx" ON "bid_revisions" USING btree ("bid_id","revision");--> statement-breakpoint
CREATE INDEX "bids_provider_idx" ON "bids" USING btree ("provider_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_unopened_bids_idx" ON "orders" USING btree ("bid_deadline") WHERE "orders"."bids_opened_at" is null and "orders"."status" in ('open', 'evaluation');--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_sealed_until_opened" CHECK ("bids"."opened_at" is not null or ("bids"."sealed_terms" is not null and "bids"."sealed_key_id" is not null
        and "bids"."cohort_size" is null and "bids"."price_per_trainee_fen" is null and "bids"."start_date" is null
        and "bids"."end_date" is null and "bids"."proposal" is null and "bids"."valid_until" is null));--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_clear_once_opened" CHECK ("bids"."opened_at" is null or ("bids"."sealed_terms" is null and "bids"."sealed_key_id" is null
        and "bids"."cohort_size" is not null and "bids"."price_per_trainee_fen" is not null and "bids"."start_date" is not null
        and "bids"."end_date" is not null and "bids"."proposal" is not null and "bids"."valid_until" is not null));