/**
 * An order's contracting process as an OCDS 1.1 release package (with the bids extension): one release per stage
 * reached — tender, award, contract, implementation. Pure: it shapes what `service.ts` loaded, and publishes only
 * what is public: no sealed terms before the opening, no objectors, no trainees.
 */
import type { awards, bids, contracts, orders } from "../../db/schema";

type OrderRow = typeof orders.$inferSelect;
type BidRow = typeof bids.$inferSelect;
type AwardRow = typeof awards.$inferSelect;
type ContractRow = typeof contracts.$inferSelect;
type Json = Record<string, unknown>;

/** The prefix of every OrderBridge ocid (`ocds-` and six characters, as the OCDS registry assigns). */
export const OCID_PREFIX = "ocds-obrdg1";
/** The bids extension the packages declare and the tests validate against. */
export const BIDS_EXTENSION =
  "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";

export interface ProcessData {
  order: OrderRow;
  occupation: { code: string; nameEn: string; nameZh: string };
  /** Names of the organisations involved, by id. */
  names: Map<string, string>;
  /** The bureau's organisation, the review body of the contracts. */
  bureau: { id: string; name: string } | null;
  /** Every bid that was tendered (submitted at some point, not withdrawn before the opening). */
  tendered: BidRow[];
  award: AwardRow | null;
  /** The standing award's contracts, past `draft` and not cancelled. */
  contracts: ContractRow[];
}

/** Fen to CNY: OCDS amounts are numbers in the currency's unit. */
const cny = (fen: number) => ({ amount: fen / 100, currency: "CNY" });
const iso = (d: Date) => d.toISOString();
const day = (date: string) => `${date}T00:00:00Z`;

const TENDER_STATUS: Record<OrderRow["status"], string> = {
  draft: "planning",
  open: "active",
  evaluation: "complete",
  awarded: "complete",
  contracted: "complete",
  fulfilled: "complete",
  cancelled: "cancelled",
};

const CONTRACT_STATUS: Partial<Record<ContractRow["status"], string>> = {
  signed: "pending",
  under_review: "pending",
  changes_requested: "pending",
  approved: "active",
  active: "active",
  completed: "terminated",
  terminated: "terminated",
  rejected: "cancelled",
};

const BID_STATUS: Partial<Record<BidRow["status"], string>> = {
  submitted: "valid",
  awarded: "valid",
  not_awarded: "valid",
  disqualified: "disqualified",
  withdrawn: "withdrawn",
};

/** Builds the package as of `now`; `opened` says whether the bids have been opened (their terms are public). */
export function releasePackage(data: ProcessData, now: Date): Json {
  const { order } = data;
  const ocid = `${OCID_PREFIX}-${order.id}`;
  const parties = new Map<string, { id: string; name: string; roles: Set<string> }>();
  const party = (id: string, role: string) => {
    const p = parties.get(id) ?? { id, name: data.names.get(id) ?? id, roles: new Set<string>() };
    p.roles.add(role);
    parties.set(id, p);
    return { id, name: p.name };
  };
  const snapshot = () =>
    [...parties.values()].map((p) => ({ id: p.id, name: p.name, roles: [...p.roles].sort() }));

  const releases: Json[] = [];
  const release = (stage: string, date: Date, body: Json) =>
    releases.push({
      ocid,
      id: `${ocid}-${stage}`,
      date: iso(date),
      tag: [stage],
      initiationType: "tender",
      language: "en",
      ...body,
      parties: snapshot(),
    });

  const buyer = party(order.companyOrgId, "buyer");
  const opened = order.bidsOpenedAt !== null;
  const tender: Json = {
    id: order.id,
    title: order.title,
    description: order.description,
    status: TENDER_STATUS[order.status],
    procurementMethod: "open",
    mainProcurementCategory: "services",
    value: cny(order.budgetPerTraineeFen * order.headcountMax),
    items: [
      {
        id: "1",
        description: `Training of ${order.headcountMin}–${order.headcountMax} ${data.occupation.nameEn} (${data.occupation.nameZh}), ready by ${order.deliverBy}`,
        classification: {
          scheme: "X-ORDERBRIDGE-OCCUPATION",
          id: data.occupation.code,
          description: data.occupation.nameEn,
        },
        quantity: order.headcountMax,
        unit: { name: "trainee", value: cny(order.budgetPerTraineeFen) },
      },
    ],
    tenderPeriod: { startDate: iso(order.publishedAt!), endDate: iso(order.bidDeadline) },
    enquiryPeriod: { startDate: iso(order.publishedAt!), endDate: iso(order.enquiryDeadline) },
    hasEnquiries: false,
    contractPeriod: { endDate: day(order.deliverBy) },
  };
  const tenderBody: Json = { buyer, tender };
  if (opened) {
    const valid = data.tendered.filter((b) => BID_STATUS[b.status] === "valid");
    const prices = valid.map((b) => b.cohortSize! * b.pricePerTraineeFen!);
    tender.numberOfTenderers = new Set(data.tendered.map((b) => b.providerOrgId)).size;
    tender.tenderers = data.tendered.map((b) => party(b.providerOrgId, "tenderer"));
    const statistics: Json[] = [
      { id: "1", measure: "bids", value: data.tendered.length, date: iso(order.bidsOpenedAt!) },
      { id: "2", measure: "validBids", value: valid.length, date: iso(order.bidsOpenedAt!) },
      {
        id: "3",
        measure: "disqualifiedBids",
        value: data.tendered.length - valid.length,
        date: iso(order.bidsOpenedAt!),
      },
    ];
    if (prices.length > 0) {
      statistics.push(
        { id: "4", measure: "lowestValidBidValue", value: Math.min(...prices) / 100, currency: "CNY" },
        { id: "5", measure: "highestValidBidValue", value: Math.max(...prices) / 100, currency: "CNY" },
      );
    }
    tenderBody.bids = {
      statistics,
      details: data.tendered.map((b) => ({
        id: b.id,
        date: iso(b.submittedAt!),
        status: BID_STATUS[b.status] ?? "valid",
        tenderers: [party(b.providerOrgId, "tenderer")],
        value: cny(b.cohortSize! * b.pricePerTraineeFen!),
        validityPeriod: { endDate: day(b.validUntil!) },
      })),
    };
  }
  release("tender", order.publishedAt!, tenderBody);

  const { award } = data;
  if (!award) return pack(releases, now);
  const won = data.tendered.filter((b) => award.bidIds.includes(b.id));
  const awardJson = {
    id: award.id,
    title: "Award",
    description: award.reason,
    status: "active",
    date: iso(award.awardedAt),
    value: cny(won.reduce((n, b) => n + b.cohortSize! * b.pricePerTraineeFen!, 0)),
    suppliers: won.map((b) => party(b.providerOrgId, "supplier")),
    relatedBids: award.bidIds,
  };
  release("award", award.awardedAt, { buyer, awards: [awardJson] });

  if (data.contracts.length === 0) return pack(releases, now);
  if (data.bureau) {
    data.names.set(data.bureau.id, data.bureau.name);
    party(data.bureau.id, "reviewBody");
  }
  const contractJson = (c: ContractRow, withImplementation: boolean): Json => {
    const signedAt = [c.companySignature?.signedAt, c.providerSignature?.signedAt].filter(Boolean).sort();
    return {
      id: c.id,
      awardID: c.awardId,
      title: `Training contract with ${data.names.get(c.providerOrgId) ?? c.providerOrgId}`,
      status: CONTRACT_STATUS[c.status] ?? "pending",
      ...(signedAt.length === 2 ? { dateSigned: signedAt[1] } : {}),
      value: cny(c.totalValueFen),
      period: { startDate: day(c.startDate), endDate: day(c.endDate) },
      items: [
        {
          id: "1",
          description: `Training of ${c.headcount} trainees`,
          quantity: c.headcount,
          unit: { name: "trainee", value: cny(c.pricePerTraineeFen) },
        },
      ],
      relatedBids: [c.bidId],
      ...(withImplementation ? { implementation: implementation(c) } : {}),
    };
  };
  const latest = (rows: ContractRow[]) => new Date(Math.max(...rows.map((c) => c.updatedAt.getTime())));
  release("contract", latest(data.contracts), {
    buyer,
    contracts: data.contracts.map((c) => contractJson(c, false)),
  });

  const delivering = data.contracts.filter((c) => ["active", "completed", "terminated"].includes(c.status));
  if (delivering.length > 0) {
    release("implementation", latest(delivering), {
      buyer,
      contracts: delivering.map((c) => contractJson(c, true)),
    });
  }
  return pack(releases, now);
}

/** A contract's delivery as one milestone: met once completed, otherwise scheduled for its end date. */
function implementation(c: ContractRow): Json {
  const met = c.status === "completed";
  return {
    milestones: [
      {
        id: `${c.id}-delivery`,
        title: "Trainees delivered",
        type: "delivery",
        dueDate: day(c.endDate),
        status: met ? "met" : c.status === "terminated" ? "notMet" : "scheduled",
        ...(met ? { dateMet: iso(c.updatedAt) } : {}),
      },
    ],
  };
}

function pack(releases: Json[], now: Date): Json {
  return {
    version: "1.1",
    extensions: [BIDS_EXTENSION],
    publishedDate: now.toISOString(),
    publisher: { name: "OrderBridge" },
    releases,
  };
}
