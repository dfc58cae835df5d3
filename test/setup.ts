/** Runs before every test file: each test starts with every test context's clock back at its start. */
import { beforeEach } from "vitest";
import { liveClocks } from "./helpers";

beforeEach(() => {
  for (const [clock, start] of liveClocks) clock.set(start);
});
