/** The shared setup resets every test context's clock before each test, so no test depends on another's time. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DAY } from "../src/platform/clock";
import { createTestContext, type TestContext } from "./helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext("2026-05-01T00:00:00Z");
});
afterAll(() => t.close());

it("a test may move the clock", () => {
  t.clock.advance(30 * DAY);
  expect(t.clock.now().toISOString()).toBe("2026-05-31T00:00:00.000Z");
});

it("the next test starts back at the context's start", () => {
  expect(t.clock.now().toISOString()).toBe("2026-05-01T00:00:00.000Z");
});
