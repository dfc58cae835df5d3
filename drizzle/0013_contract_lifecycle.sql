CREATE TABLE "contract_versions" (
	"contract_id" text NOT NULL,
	"terms_version" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"changed_fields" jsonb NOT NULL,
	"changed_by" text,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_versions_contract_id_terms_version_pk" PRIMARY KEY("contract_id","terms_version")
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"award_id" text NOT NULL,
	"provider_org_id" text NOT NULL,
	"reason" text NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"decision" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_policies" (
	"occupation_code" text PRIMARY KEY NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"per_trainee_fen" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "publicity_ends_at" timestamp with time zone DEFAULT 'epoch' NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "terms_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "company_signature" jsonb;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "provider_signature" jsonb;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "termination_reason" text;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD CONSTRAINT "contract_versions_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD CONSTRAINT "contract_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policies" ADD CONSTRAINT "subsidy_policies_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policies" ADD CONSTRAINT "subsidy_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "objections_order_idx" ON "objections" USING btree ("order_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "objections_award_provider_idx" ON "objections" USING btree ("award_id","provider_org_id");