import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/db/client";
import { openPglite } from "../../src/db/pglite";
import { textArray } from "../../src/platform/prepared";

/** Ids with the characters an array literal must escape, beside ordinary ones. */
const IDS = ["ord_1", 'odd"quote', "back\\slash", "comma,inside", "{brace}", " spaced "];

const url = process.env.TEST_DATABASE_URL;
// On PostgreSQL, the client as Workers opens it: without the array types (`fetch_types: false`), where a JS array
// parameter was sent as a bare string ("malformed array literal", seen in the Workers smoke test).
const handles = [await openPglite(), ...(url ? [openPostgres(url, { max: 1, fetch_types: false })] : [])];
afterAll(async () => {
  for (const h of handles) await h.close();
});

describe("textArray", () => {
  it("writes PostgreSQL's array literal", () => {
    expect(textArray(["ord_1", "ord_2"])).toBe('{"ord_1","ord_2"}');
    expect(textArray([])).toBe("{}");
  });

  it.each(handles.map((h) => [h.kind, h] as const))(
    "round-trips every id through ::text[] on %s",
    async (_, h) => {
      const rows = (await h.db.execute(sql`select unnest(${textArray(IDS)}::text[]) as id`)) as unknown as
        | { id: string }[]
        | { rows: { id: string }[] };
      const ids = (Array.isArray(rows) ? rows : rows.rows).map((r) => r.id);
      expect(ids).toEqual(IDS);
    },
  );
});
