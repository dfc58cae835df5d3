CREATE TABLE "assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"trainee_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"assessor_org_id" text NOT NULL,
	"occupation_code" text NOT NULL,
	"certification_type" text NOT NULL,
	"level" integer NOT NULL,
	"result" text NOT NULL,
	"assessed_on" date NOT NULL,
	"certificate_no" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"trainee_id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"hired" boolean NOT NULL,
	"hired_on" date,
	"salary_fen" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_targets" (
	"year" integer PRIMARY KEY NOT NULL,
	"target" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainees" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "trainees_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cohort_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"provider_org_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"id_last4" text,
	"status" text NOT NULL,
	"enrolled_on" date NOT NULL,
	"status_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessor_org_id_organizations_id_fk" FOREIGN KEY ("assessor_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_trainee_idx" ON "assessments" USING btree ("trainee_id","assessed_on","id");--> statement-breakpoint
CREATE INDEX "assessments_assessor_idx" ON "assessments" USING btree ("assessor_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_certificate_idx" ON "assessments" USING btree (upper("certificate_no")) WHERE "assessments"."certificate_no" is not null;--> statement-breakpoint
CREATE INDEX "placements_contract_idx" ON "placements" USING btree ("contract_id","hired");--> statement-breakpoint
CREATE INDEX "trainees_cohort_idx" ON "trainees" USING btree ("cohort_id","seq");--> statement-breakpoint
CREATE INDEX "trainees_contract_idx" ON "trainees" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "trainees_provider_idx" ON "trainees" USING btree ("provider_org_id");