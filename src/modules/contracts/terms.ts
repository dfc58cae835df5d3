/** A contract's terms as signed: their canonical form, its SHA-256, and the subsidy cap that bounds them. */
import { eq } from "drizzle-orm";
import { type contracts, subsidyPolicies } from "../../db/schema";
import type { Database } from "../../db/client";
import { sha256Hex } from "../../platform/auth";

type ContractRow = typeof contracts.$inferSelect;

/** The terms of a contract version: what the parties sign and `GET …/versions` shows. */
export interface ContractTerms {
  headcount: number;
  pricePerTraineeFen: number;
  totalValueFen: number;
  startDate: string;
  endDate: string;
  hires: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  servicePeriodMonths: number;
  subsidyRequestedFen: number;
  specialTerms: string | null;
}

/** The fields a PATCH may change. */
export const EDITABLE_TERMS = ["startDate", "endDate", "subsidyRequestedFen", "specialTerms"] as const;

/** Just the terms of a contract row. */
export function termsOf(row: ContractRow): ContractTerms {
  return {
    headcount: row.headcount,
    pricePerTraineeFen: row.pricePerTraineeFen,
    totalValueFen: row.totalValueFen,
    startDate: row.startDate,
    endDate: row.endDate,
    hires: row.hires,
    salaryMinFen: row.salaryMinFen,
    salaryMaxFen: row.salaryMaxFen,
    servicePeriodMonths: row.servicePeriodMonths,
    subsidyRequestedFen: row.subsidyRequestedFen,
    specialTerms: row.specialTerms,
  };
}

/**
 * The canonical text a signature covers: the parties, the occupation, the terms version and the terms, as JSON with
 * keys sorted, so the same terms always give the same bytes.
 */
export function canonicalTerms(row: ContractRow): string {
  const doc: Record<string, unknown> = {
    contractId: row.id,
    orderId: row.orderId,
    companyOrgId: row.companyOrgId,
    providerOrgId: row.providerOrgId,
    occupationCode: row.occupationCode,
    termsVersion: row.termsVersion,
    ...termsOf(row),
  };
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(doc)
        .sort()
        .map((k) => [k, doc[k]]),
    ),
  );
}

/** Lowercase hex SHA-256 of the canonical terms (the same digest on Node and workerd). */
export function termsSha256(row: ContractRow): Promise<string> {
  return sha256Hex(canonicalTerms(row));
}

/**
 * The most subsidy a contract may carry: the per-trainee amount of its occupation's policy in force on `startDate`,
 * times the headcount; 0 with no policy in force.
 */
export async function subsidyCapFen(
  db: Database,
  input: { occupationCode: string; startDate: string; headcount: number },
): Promise<number> {
  const [policy] = await db
    .select()
    .from(subsidyPolicies)
    .where(eq(subsidyPolicies.occupationCode, input.occupationCode));
  const inForce =
    policy &&
    policy.validFrom <= input.startDate &&
    (policy.validUntil === null || input.startDate <= policy.validUntil);
  return inForce ? policy.perTraineeFen * input.headcount : 0;
}
