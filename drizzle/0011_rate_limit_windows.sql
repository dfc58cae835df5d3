-- UNLOGGED (written by hand; drizzle-kit does not model it): the counters write no WAL, so counting a request
-- never waits for a disk flush. A crash empties the table, which only forgives the current minute.
CREATE UNLOGGED TABLE "rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE INDEX "rate_limit_windows_start_idx" ON "rate_limit_windows" USING btree ("window_start");