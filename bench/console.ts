/**
 * Server render time of the web console's pages on the demo data: every page rendered N times in-process through
 * `app.request` (embedded PGlite in memory, as `npm start` uses PGlite on disk), p50 and p95 per page, and the
 * size of each HTML document. Run: `npm run bench:console` (`-- --runs 50`, `-- --json`).
 */
import { and, asc, eq } from "drizzle-orm";
import { createApp } from "../src/app";
import { contracts, users } from "../src/db/schema";
import { parseConfig } from "../src/config";
import { prepareDatabase } from "../src/db/migrate";
import { openPglite } from "../src/db/pglite";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../src/demo/seed";
import { DEMO_CERTIFICATES } from "../src/demo/trainees";
import { ManualClock } from "../src/platform/clock";
import { nodeDocsAssets } from "../src/platform/docs-assets-node";
import { createLogger } from "../src/platform/logger";
import { nativeHasher } from "../src/platform/password-node";
import { generateSealingKey } from "../src/platform/sealing";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 30;
const json = args.includes("--json");

const clock = new ManualClock("2026-03-02T01:00:00Z");
const handle = await openPglite();
await prepareDatabase(handle, clock.now());
// The demo seeds sealed bids, so the run needs a sealing key of its own (as `npm start` generates one).
// The public certificate pages are rate limited per IP (all renders here come from one): still counted, never refused.
const config = parseConfig({ BID_SEALING_KEY: generateSealingKey(), RATE_LIMIT_AUTH_PER_MINUTE: "1000000" });
const services = { db: handle.db, hasher: nativeHasher, config, logger: createLogger("silent") };
await seedDemo(services, clock.now());
const app = createApp({ ...services, clock, docsAssets: nodeDocsAssets });

/** Signs in through the console's form and returns the session cookie. */
async function signIn(email: string): Promise<string> {
  const page = await app.request("http://localhost/console/sign-in");
  const pre = /ob_presession=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")![1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const res = await app.request("http://localhost/console/sign-in", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `ob_presession=${pre}` },
    body: new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }),
  });
  return `ob_session=${/ob_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]}`;
}

const firstLink = (html: string, pattern: RegExp) => pattern.exec(html)?.[0] ?? "";

const company = await signIn("company1@demo.orderbridge.cn");
const provider = await signIn("provider1@demo.orderbridge.cn");
const bureau = await signIn(DEMO_BUREAU_EMAIL);
const assessor = await signIn("assessor1@demo.orderbridge.cn");
const get = (path: string, cookie: string) =>
  app.request(`http://localhost${path}`, { headers: { Cookie: cookie } });

const companyHome = await (await get("/console", company)).text();
const openOrder = firstLink(companyHome, /\/console\/orders\/ord_\w+(?=\/matches)/);
const providerPrograms = await (await get("/console/programs", provider)).text();
const program = firstLink(providerPrograms, /\/console\/programs\/prg_\w+/);
const providerCohorts = await (await get("/console/cohorts", provider)).text();
const cohort = firstLink(providerCohorts, /\/console\/cohorts\/coh_\w+/);
const evaluating = firstLink(companyHome, /\/console\/orders\/ord_\w+\/bids/);
const providerBids = await (await get("/console/bids", provider)).text();
const bid = firstLink(providerBids, /\/console\/bids\/bid_\w+/);
const orgs = await (await get("/console/organizations?status=all", bureau)).text();
const org = firstLink(orgs, /\/console\/organizations\/org_\w+/);
const anyContracts = await (await get("/console/contracts?status=all", bureau)).text();
const contract = firstLink(anyContracts, /\/console\/contracts\/ctr_\w+/);
const activeContracts = await (await get("/console/contracts?status=active", bureau)).text();
const active = firstLink(activeContracts, /\/console\/contracts\/ctr_\w+/);
if (!contract || !active) throw new Error("the demo data has no contracts to render");
/** A demo contract in a state, and a session of an admin of one of its parties. */
async function partyOf(status: "draft" | "active", party: "companyOrgId" | "providerOrgId") {
  const [row] = await handle.db
    .select()
    .from(contracts)
    .where(eq(contracts.status, status))
    .orderBy(asc(contracts.id))
    .limit(1);
  const [user] = await handle.db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.orgId, row[party]), eq(users.role, "admin")))
    .limit(1);
  return { path: `/console/contracts/${row.id}`, cookie: await signIn(user.email) };
}
const draft = await partyOf("draft", "companyOrgId");
const delivering = await partyOf("active", "providerOrgId");
const activeOrder = firstLink(await (await get(active, bureau)).text(), /\/console\/orders\/ord_\w+/);
const queue = await (await get("/console/assessments", assessor)).text();
const assessTrainee = firstLink(queue, /\/console\/assessments\/trn_\w+/);
if (!assessTrainee) throw new Error("the demo data has no trainee for the assessor");

const pages: [string, string, string][] = [
  ["sign-in", "/console/sign-in", ""],
  ["company dashboard", "/console", company],
  ["new order form", "/console/orders/new?occupation=ai_engineer", company],
  ["order (company)", openOrder, company],
  ["order matches", `${openOrder}/matches`, company],
  ["bid comparison", evaluating, company],
  ["bid comparison by price", `${evaluating}?sort=price`, company],
  ["provider dashboard", "/console", provider],
  ["market (one cohort)", "/console/market", provider],
  ["market (all cohorts)", "/console/market?cohort=all", provider],
  ["order (provider)", openOrder, provider],
  ["programs", "/console/programs", provider],
  ["program", program, provider],
  ["cohort", cohort, provider],
  ["my bids", "/console/bids", provider],
  ["bid (provider)", bid, provider],
  ["invitations", "/console/invitations", provider],
  ["bureau dashboard", "/console", bureau],
  ["verification queue", "/console/organizations?status=all", bureau],
  ["organisation", org, bureau],
  ["orders (bureau)", "/console/orders", bureau],
  ["bid comparison (bureau)", evaluating, bureau],
  ["contracts (company)", "/console/contracts", company],
  ["contract (bureau)", contract, bureau],
  ["contract reviews (bureau)", "/console/contracts", bureau],
  ["objections (bureau)", "/console/objections", bureau],
  ["contract trainees (bureau)", `${active}/trainees`, bureau],
  ["statistics (bureau)", "/console/statistics", bureau],
  ["assessor home", "/console", assessor],
  ["subsidy policies (bureau)", "/console/subsidies", bureau],
  ["draft contract with the terms form (company)", draft.path, draft.cookie],
  ["contract trainees with CSV upload (provider)", `${delivering.path}/trainees`, delivering.cookie],
  ["order OCDS page (anonymous)", `${activeOrder}/ocds`, ""],
  ["assessment queue", "/console/assessments", assessor],
  ["assessment (trainee)", assessTrainee, assessor],
  ["certificates (assessor)", "/console/certificates", assessor],
  ["verify form (public)", "/verify", ""],
  ["verify result (public)", `/verify/${DEMO_CERTIFICATES[0]}`, ""],
  ["verify not found (public)", "/verify/NO-SUCH-CERTIFICATE", ""],
];

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const results = [];
for (const [name, path, cookie] of pages) {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    const res = await get(path, cookie);
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    if (i >= 3) times.push(ms); // the first renders warm up the JIT and PGlite's caches
    bytes = body.byteLength;
    status = res.status;
  }
  results.push({
    page: name,
    path,
    status,
    htmlBytes: bytes,
    p50Ms: +percentile(times, 0.5).toFixed(1),
    p95Ms: +percentile(times, 0.95).toFixed(1),
  });
}
await handle.close();

if (json) {
  console.log(JSON.stringify({ runs, results }));
} else {
  console.log(
    `Console render time on the demo data, ${runs} renders per page (in-process, PGlite in memory)\n`,
  );
  console.log("| Page | Status | HTML | p50 | p95 |\n|---|---|---|---|---|");
  for (const r of results)
    console.log(
      `| ${r.page} | ${r.status} | ${(r.htmlBytes / 1024).toFixed(1)} KB | ${r.p50Ms} ms | ${r.p95Ms} ms |`,
    );
  const all = results.map((r) => r.p50Ms);
  console.log(`\nmedian of the pages' p50: ${percentile(all, 0.5)} ms; slowest p50: ${Math.max(...all)} ms`);
}
