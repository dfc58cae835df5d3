DROP INDEX "orders_created_idx";--> statement-breakpoint
DROP INDEX "orders_status_occupation_idx";--> statement-breakpoint
DROP INDEX "orders_company_idx";--> statement-breakpoint
DROP INDEX "cohorts_created_idx";--> statement-breakpoint
DROP INDEX "cohorts_provider_idx";--> statement-breakpoint
DROP INDEX "programs_created_idx";--> statement-breakpoint
DROP INDEX "programs_occupation_idx";--> statement-breakpoint
DROP INDEX "programs_provider_idx";--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "orders_status_occupation_idx" ON "orders" USING btree ("status","occupation_code","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_company_idx" ON "orders" USING btree ("company_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cohorts_created_idx" ON "cohorts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cohorts_provider_idx" ON "cohorts" USING btree ("provider_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "programs_created_idx" ON "programs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "programs_occupation_idx" ON "programs" USING btree ("occupation_code","created_at","id");--> statement-breakpoint
CREATE INDEX "programs_provider_idx" ON "programs" USING btree ("provider_org_id","created_at","id");