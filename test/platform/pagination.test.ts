import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations, skills } from "../../src/db/schema";
import { AppError } from "../../src/platform/errors";
import { keyset, toPage } from "../../src/platform/pagination";
import { type TestContext, createTestContext } from "../helpers";

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");
const byCreatedAt = { sortBy: organizations.createdAt, id: organizations.id, direction: "desc" } as const;
const bySkillId = { sortBy: skills.id, id: skills.id, direction: "asc" } as const;

function validationFailure(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected a validation failure");
}

describe("cursor pagination helper", () => {
  it("pages rows, issuing a cursor only when there is a next page", () => {
    const rows = ["a", "b", "c"].map((id, i) => ({ id, n: i }));
    const page = toPage(
      rows,
      2,
      (r) => [r.n, r.id],
      (r) => r.id,
    );
    expect(page.data).toEqual(["a", "b"]);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(
      toPage(
        rows,
        3,
        (r) => [r.n, r.id],
        (r) => r.id,
      ).nextCursor,
    ).toBeNull();
    expect(
      toPage(
        [],
        20,
        () => [0, ""],
        (r) => r,
      ),
    ).toEqual({ data: [], nextCursor: null });
  });

  it("accepts the cursors it issues", () => {
    const page = toPage(
      [{ id: "org_a" }, { id: "org_b" }],
      1,
      (r) => ["2026-03-02T01:00:00.000Z", r.id],
      (r) => r,
    );
    const { after, orderBy } = keyset(byCreatedAt, page.nextCursor!);
    expect(after).toBeDefined();
    expect(orderBy).toHaveLength(2);
    expect(keyset(byCreatedAt, undefined).after).toBeUndefined();
  });

  it.each([
    ["not base64 JSON", "garbage"],
    ["base64 of a non-array", cursorOf({ a: 1 })],
    ["an array of the wrong length", cursorOf(["x"])],
    ["a non-string id", cursorOf(["x", 5])],
    ["an object sort key", cursorOf([{}, "x"])],
    ["invalid base64", "%%%"],
    ["an empty string", "="],
  ])("refuses %s with 400 validation_failed naming cursor", (_why, cursor) => {
    const err = validationFailure(() => keyset(bySkillId, cursor));
    expect(err.status).toBe(400);
    expect(err.code).toBe("validation_failed");
    expect(err.errors).toEqual([{ path: "cursor", message: "invalid cursor" }]);
  });

  it("refuses a forged cursor whose sort key is not an instant, for a timestamp-sorted list", () => {
    for (const key of ["not-a-date", 1e20]) {
      const err = validationFailure(() => keyset(byCreatedAt, cursorOf([key, "org_x"])));
      expect(err.code).toBe("validation_failed");
    }
  });
});

describe("cursor pagination over HTTP", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("answers garbage cursors on every list with 400", async () => {
    const bureau = await t.bureau();
    for (const path of ["/v1/organizations", "/v1/occupations", "/v1/skills"]) {
      const res = await t.call("GET", `${path}?cursor=garbage`, { token: bureau });
      expect(res.status, path).toBe(400);
      expect(res.body.errors).toEqual([{ path: "cursor", message: "invalid cursor" }]);
    }
  });

  it("answers a forged organisations cursor whose sort key is not an instant with 400, never 500", async () => {
    const bureau = await t.bureau();
    for (const cursor of [cursorOf(["not-a-date", "org_x"]), cursorOf([1e20, "org_x"])]) {
      const res = await t.call("GET", `/v1/organizations?cursor=${cursor}`, { token: bureau });
      expect(res.status, cursor).toBe(400);
    }
  });
});
