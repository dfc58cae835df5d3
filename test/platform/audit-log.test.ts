import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { writeAudit } from "../../src/platform/audit";
import { type TestContext, createTestContext } from "../helpers";

let t: TestContext;
let entityId: string;
beforeAll(async () => {
  t = await createTestContext();
  entityId = `test_${Math.random().toString(36).slice(2)}`;
  await writeAudit(t.db, null, t.clock.now(), {
    entityType: "test",
    entityId,
    action: "create",
    toState: "open",
  });
});
afterAll(() => t.close());

const rowsOf = (id: string) => t.db.select().from(auditLog).where(eq(auditLog.entityId, id));

describe("the audit log is append-only, enforced by the database", () => {
  it("accepts inserts", async () => {
    await writeAudit(t.db, null, t.clock.now(), {
      entityType: "test",
      entityId,
      action: "close",
      fromState: "open",
      toState: "closed",
    });
    expect((await rowsOf(entityId)).map((r) => r.action).sort()).toEqual(["close", "create"]);
  });

  it("refuses UPDATE", async () => {
    await expect(t.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(
      t.db.update(auditLog).set({ toState: "tampered" }).where(eq(auditLog.entityId, entityId)),
    ).rejects.toThrow();
    expect((await rowsOf(entityId)).every((r) => r.action !== "x" && r.toState !== "tampered")).toBe(true);
  });

  it("refuses DELETE and TRUNCATE", async () => {
    await expect(t.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.db.delete(auditLog).where(eq(auditLog.entityId, entityId))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect(await rowsOf(entityId)).toHaveLength(2);
  });

  it("rolls back a change together with its audit row when the transaction fails", async () => {
    const id = `test_${Math.random().toString(36).slice(2)}`;
    await expect(
      t.db.transaction(async (tx) => {
        await writeAudit(tx, null, t.clock.now(), { entityType: "test", entityId: id, action: "create" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rowsOf(id)).toHaveLength(0);
  });
});
