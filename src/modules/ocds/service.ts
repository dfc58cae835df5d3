/** Loads an order's public contracting process and shapes it as an OCDS release package. */
import { and, eq, inArray, isNotNull, isNull, notInArray } from "drizzle-orm";
import { awards, bids, contracts, occupations, orders, organizations } from "../../db/schema";
import { AppError } from "../../platform/errors";
import type { PublicScope } from "../../platform/scope";
import { wasTendered } from "../bids/access";
import { openDueBids } from "../bids/opening";
import { notSuspended } from "../organizations/access";
import { releasePackage } from "./release";

/**
 * The OCDS release package of a published order, for anyone (404 for drafts and unknown orders). A read after the
 * bid deadline opens the bids first, as every other read does.
 * @example const pkg = await orderReleasePackage(scope, { orderId: "ord_…" });
 */
export async function orderReleasePackage(scope: PublicScope, input: { orderId: string }) {
  const { db, now } = scope;
  const load = async () =>
    (
      await db
        .select()
        .from(orders)
        .where(
          and(eq(orders.id, input.orderId), isNotNull(orders.publishedAt), notSuspended(orders.companyOrgId)),
        )
    )[0];
  if (!(await load())) throw new AppError("not_found", `Order ${input.orderId} does not exist`);
  await openDueBids(scope, [input.orderId]);
  const order = (await load())!;
  const [occupation] = await db.select().from(occupations).where(eq(occupations.code, order.occupationCode));
  const tendered = (await db.select().from(bids).where(eq(bids.orderId, order.id))).filter(wasTendered);
  const [award] = await db
    .select()
    .from(awards)
    .where(and(eq(awards.orderId, order.id), isNull(awards.annulledAt)));
  const signedOrLater = award
    ? await db
        .select()
        .from(contracts)
        .where(and(eq(contracts.awardId, award.id), notInArray(contracts.status, ["draft", "cancelled"])))
    : [];
  const ids = [order.companyOrgId, ...tendered.map((b) => b.providerOrgId)];
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  const [bureau] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, "bureau"))
    .limit(1);
  return releasePackage(
    {
      order,
      occupation,
      names: new Map(orgs.map((o) => [o.id, o.name])),
      bureau: bureau ?? null,
      tendered,
      award: award ?? null,
      contracts: signedOrLater,
    },
    now,
  );
}
