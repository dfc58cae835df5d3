/**
 * The PostgreSQL client sends drizzle's queries as named prepared statements, in transactions too (one round trip
 * each instead of two, planned once per connection), unless `prepare: false` says otherwise. PostgreSQL only.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/db/client";

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("the postgres.js client", () => {
  const name = `ob_test_client_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  let url: string;
  beforeAll(async () => {
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(adminUrl!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  /** The statements the one connection has prepared, after a parameterised query outside and inside a transaction. */
  async function preparedAfterQueries(options: postgres.Options<Record<string, never>>) {
    const handle = openPostgres(url, { ...options, max: 1 });
    try {
      await handle.db.execute(sql`select ${1}::int + 1 as outside`);
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select ${2}::int + 1 as inside`);
      });
      const rows = await handle.db.execute(sql`select statement from pg_prepared_statements`);
      return (rows as unknown as { statement: string }[]).map((r) => r.statement);
    } finally {
      await handle.close();
    }
  }

  it("prepares drizzle's queries, in transactions too", async () => {
    const statements = await preparedAfterQueries({});
    expect(statements.some((s) => s.includes("as outside"))).toBe(true);
    expect(statements.some((s) => s.includes("as inside"))).toBe(true);
  });

  it("prepares nothing with prepare: false (for a pooler that cannot keep statements)", async () => {
    expect(await preparedAfterQueries({ prepare: false })).toEqual([]);
  });
});
