CREATE TABLE "delivery_rollup" (
	"provider_org_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"trainees" integer DEFAULT 0 NOT NULL,
	"settled" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"dropped" integer DEFAULT 0 NOT NULL,
	"certified" integer DEFAULT 0 NOT NULL,
	"placed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "delivery_rollup_provider_org_id_contract_id_pk" PRIMARY KEY("provider_org_id","contract_id")
);
--> statement-breakpoint
ALTER TABLE "delivery_rollup" ADD CONSTRAINT "delivery_rollup_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_rollup" ADD CONSTRAINT "delivery_rollup_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;