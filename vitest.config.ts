import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // TEST_DATABASE_URL runs the suite against a real PostgreSQL (one fresh database per test file).
    env: { TZ: "UTC" },
  },
});
