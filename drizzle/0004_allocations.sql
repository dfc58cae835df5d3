CREATE TABLE "allocations" (
	"id" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"proposing" text,
	"allow_split" boolean NOT NULL,
	"filter" jsonb,
	"assignments" jsonb NOT NULL,
	"underfilled_orders" jsonb NOT NULL,
	"objective" double precision NOT NULL,
	"blocking_pairs" integer,
	"stats" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocations_created_idx" ON "allocations" USING btree ("created_at","id");