CREATE TABLE "bids" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"provider_org_id" text NOT NULL,
	"program_id" text NOT NULL,
	"cohort_id" text,
	"cohort_size" integer NOT NULL,
	"price_per_trainee_fen" bigint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"proposal" text NOT NULL,
	"valid_until" date NOT NULL,
	"status" text NOT NULL,
	"needs_reconfirmation" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enquiries" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"asker_org_id" text NOT NULL,
	"asker_user_id" text NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_amendments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"version" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"amended_by" text NOT NULL,
	"amended_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_skills" (
	"order_id" text NOT NULL,
	"skill_id" text NOT NULL,
	"position" integer NOT NULL,
	"min_level" integer NOT NULL,
	"weight" integer NOT NULL,
	"essential" boolean NOT NULL,
	CONSTRAINT "order_skills_order_id_skill_id_pk" PRIMARY KEY("order_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"company_org_id" text NOT NULL,
	"created_by" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"occupation_code" text NOT NULL,
	"headcount_min" integer NOT NULL,
	"headcount_max" integer NOT NULL,
	"city" text NOT NULL,
	"district" text,
	"remote_allowed" boolean NOT NULL,
	"deliver_by" date NOT NULL,
	"budget_per_trainee_fen" bigint NOT NULL,
	"hires" integer NOT NULL,
	"salary_min_fen" bigint NOT NULL,
	"salary_max_fen" bigint NOT NULL,
	"service_period_months" integer NOT NULL,
	"enquiry_deadline" timestamp with time zone NOT NULL,
	"bid_deadline" timestamp with time zone NOT NULL,
	"match_weights" jsonb,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohort_skills" (
	"cohort_id" text NOT NULL,
	"skill_id" text NOT NULL,
	"level" integer NOT NULL,
	"share" real NOT NULL,
	CONSTRAINT "cohort_skills_cohort_id_skill_id_pk" PRIMARY KEY("cohort_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"provider_org_id" text NOT NULL,
	"occupation_code" text NOT NULL,
	"name" text NOT NULL,
	"size" integer NOT NULL,
	"ready_date" date NOT NULL,
	"city" text NOT NULL,
	"district" text,
	"status" text NOT NULL,
	"contract_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_skills" (
	"program_id" text NOT NULL,
	"skill_id" text NOT NULL,
	"level" integer NOT NULL,
	CONSTRAINT "program_skills_program_id_skill_id_pk" PRIMARY KEY("program_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_org_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"occupation_code" text NOT NULL,
	"duration_weeks" integer NOT NULL,
	"mode" text NOT NULL,
	"city" text NOT NULL,
	"cohort_capacity" integer NOT NULL,
	"price_per_trainee_fen" bigint NOT NULL,
	"certification_type" text NOT NULL,
	"certification_level" integer NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_asker_org_id_organizations_id_fk" FOREIGN KEY ("asker_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_asker_user_id_users_id_fk" FOREIGN KEY ("asker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_amendments" ADD CONSTRAINT "order_amendments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_amendments" ADD CONSTRAINT "order_amendments_amended_by_users_id_fk" FOREIGN KEY ("amended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_skills" ADD CONSTRAINT "order_skills_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_skills" ADD CONSTRAINT "order_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_company_org_id_organizations_id_fk" FOREIGN KEY ("company_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_skills" ADD CONSTRAINT "cohort_skills_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_skills" ADD CONSTRAINT "cohort_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_skills" ADD CONSTRAINT "program_skills_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_skills" ADD CONSTRAINT "program_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bids_order_status_idx" ON "bids" USING btree ("order_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_live_per_provider_idx" ON "bids" USING btree ("order_id","provider_org_id") WHERE "bids"."status" in ('draft', 'submitted');--> statement-breakpoint
CREATE INDEX "enquiries_order_idx" ON "enquiries" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_amendments_order_idx" ON "order_amendments" USING btree ("order_id","version");--> statement-breakpoint
CREATE INDEX "order_skills_skill_idx" ON "order_skills" USING btree ("skill_id","order_id");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_status_occupation_idx" ON "orders" USING btree ("status","occupation_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_company_idx" ON "orders" USING btree ("company_org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_open_deadline_idx" ON "orders" USING btree ("bid_deadline") WHERE "orders"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cohort_skills_skill_idx" ON "cohort_skills" USING btree ("skill_id","cohort_id");--> statement-breakpoint
CREATE INDEX "cohorts_created_idx" ON "cohorts" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cohorts_provider_idx" ON "cohorts" USING btree ("provider_org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cohorts_program_idx" ON "cohorts" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "program_skills_skill_idx" ON "program_skills" USING btree ("skill_id","program_id");--> statement-breakpoint
CREATE INDEX "programs_created_idx" ON "programs" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "programs_occupation_idx" ON "programs" USING btree ("occupation_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "programs_provider_idx" ON "programs" USING btree ("provider_org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);