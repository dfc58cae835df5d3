/** Operator commands: `npm run cli -- <command> [--flag value]`. */
import { parseArgs } from "node:util";
import { loadNodeConfig } from "../config";
import { runScheduledWork } from "../jobs";
import { createBureauUser } from "../modules/auth/service";
import { systemClock } from "../platform/clock";
import { createLogger } from "../platform/logger";
import { nativeHasher } from "../platform/password-node";
import { allocateFromCli } from "./cli-allocate";
import { seedFromCli } from "./cli-seed";
import { openNodeDatabase, withSealingKey } from "./node-runtime";

const USAGE = `Usage: npm run cli -- <command> [options]
  migrate                                         apply migrations (and the taxonomy seed) to the configured database
  create-bureau-user --email E --password P [--name N]
  sweep                                           run the scheduled jobs once
  seed [--scale small|large]                      the demo (small), or the demo and a city-year of data (large)
  allocate [--mode optimal|stable] [--proposing orders|cohorts] [--split]
           [--occupation CODE]... [--city CITY] [--as BUREAU_EMAIL]
                                                  allocate open cohorts to open orders and store the result`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
    mode: { type: "string", default: "optimal" },
    proposing: { type: "string" },
    split: { type: "boolean", default: false },
    occupation: { type: "string", multiple: true },
    city: { type: "string" },
    as: { type: "string" },
    scale: { type: "string", default: "small" },
  },
});
const env = loadNodeConfig();
const logger = createLogger(env.LOG_LEVEL);
const config = withSealingKey(env, logger);
const command = positionals[0];
if (!command || !["migrate", "create-bureau-user", "sweep", "allocate", "seed"].includes(command)) {
  console.error(USAGE);
  process.exit(2);
}
const handle = await openNodeDatabase(config, systemClock);
try {
  if (command === "migrate") {
    console.log(`Migrations applied (${handle.kind}).`);
  } else if (command === "create-bureau-user") {
    if (!values.email || !values.password) throw new Error("--email and --password are required");
    const user = await createBureauUser(
      { db: handle.db, hasher: nativeHasher, now: systemClock.now() },
      { email: values.email, password: values.password, displayName: values.name },
    );
    console.log(`Bureau user ${user.email} created (${user.id}).`);
  } else if (command === "sweep") {
    console.log(await runScheduledWork({ db: handle.db, clock: systemClock, config, logger }));
  } else if (command === "seed") {
    await seedFromCli({ db: handle.db, hasher: nativeHasher, config, logger }, values.scale);
  } else if (command === "allocate") {
    await allocateFromCli({ db: handle.db, hasher: nativeHasher, config, logger }, values);
  }
} catch (err) {
  console.error(`Error: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
