CREATE TABLE "awards" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"bid_ids" jsonb NOT NULL,
	"reason" text NOT NULL,
	"awarded_by" text NOT NULL,
	"awarded_at" timestamp with time zone NOT NULL,
	"annulled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"award_id" text NOT NULL,
	"bid_id" text NOT NULL,
	"company_org_id" text NOT NULL,
	"provider_org_id" text NOT NULL,
	"cohort_id" text,
	"occupation_code" text NOT NULL,
	"headcount" integer NOT NULL,
	"price_per_trainee_fen" bigint NOT NULL,
	"total_value_fen" bigint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"hires" integer NOT NULL,
	"salary_min_fen" bigint NOT NULL,
	"salary_max_fen" bigint NOT NULL,
	"service_period_months" integer NOT NULL,
	"subsidy_requested_fen" bigint DEFAULT 0 NOT NULL,
	"special_terms" text,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_awarded_by_users_id_fk" FOREIGN KEY ("awarded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_company_org_id_organizations_id_fk" FOREIGN KEY ("company_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "awards_standing_per_order_idx" ON "awards" USING btree ("order_id") WHERE "awards"."annulled_at" is null;--> statement-breakpoint
CREATE INDEX "contracts_created_idx" ON "contracts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "contracts_order_idx" ON "contracts" USING btree ("order_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contracts_company_idx" ON "contracts" USING btree ("company_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contracts_provider_idx" ON "contracts" USING btree ("provider_org_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_live_per_bid_idx" ON "contracts" USING btree ("bid_id") WHERE "contracts"."status" <> 'cancelled';