/** `npm run cli -- seed [--scale small|large]`: the demo, and with `large` a city-year of data on top of it. */
import { seedCity } from "../demo/city";
import { progressOn } from "../demo/progress";
import { DEMO_PASSWORD, seedDemo } from "../demo/seed";
import type { Services } from "../platform/context";

export async function seedFromCli(services: Omit<Services, "clock">, scale = "small"): Promise<void> {
  if (scale !== "small" && scale !== "large") throw new Error("--scale is small or large");
  const now = new Date();
  const started = Date.now();
  const logins = await seedDemo(services, now);
  console.log(logins ? `Demo seeded: ${logins.length} logins.` : "Demo already seeded.");
  if (scale === "large") {
    const made = await seedCity(services, now, progressOn(process.stdout));
    console.log(
      `City-year ${made.year}: ${made.organisations} organisations, ${made.orders} orders, ${made.cohorts} cohorts, ` +
        `${made.contracts} contracts, ${made.trainees} trainees, ${made.assessments} assessments, ` +
        `${made.placements} placements in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    console.log("City logins: company1…100, provider1…300, assessor1…10 @city.orderbridge.cn");
  }
  for (const l of logins ?? []) console.log(`  ${l.role.padEnd(9)} ${l.email}`);
  console.log(`Password: ${DEMO_PASSWORD}`);
}
