/**
 * Every operation of the API as the security suites call it: a concrete request on the world's fixtures (owned by
 * company A and provider P), and who may make it. An operation of the OpenAPI document without an entry here fails
 * the authorization matrix, so a new route must say who may call it.
 */
import { DAY } from "../../src/platform/clock";
import { orderBody, programBody } from "../fixtures";
import { freshEmail, freshUscc, PASSWORD } from "../helpers";
import type { ActorName, World } from "./world";

export interface OperationRequest {
  path: string;
  body?: unknown;
  /** A path whose ETag, read by the owner, is sent as `If-Match` (PATCH needs a current one). */
  etagOf?: string;
}

/** Actors that sign in; anonymous and the suspended organisation's user follow from `auth`. */
export type SignedIn = Exclude<ActorName, "anonymous" | "suspended">;
const ALL: SignedIn[] = [
  "companyAdmin",
  "companyMember",
  "otherCompany",
  "provider",
  "otherProvider",
  "assessor",
  "bureau",
];

export interface Rule {
  /** May call it: passes authentication and authorization (any status but 401, 403 and 404). */
  allow: SignedIn[];
  /** Sees the resource but may not act on it: 403. Everyone else gets 404 (the resource is hidden). */
  forbid?: SignedIn[];
  /** Public operations are open to anonymous callers; every other needs a token (401). */
  public?: boolean;
  request: (w: World) => OperationRequest;
}

const everyone = (request: Rule["request"]): Rule => ({ allow: ALL, request });
/** Only `allow` may; every other signed-in actor sees the resource (403), none gets a 404. */
const only = (allow: SignedIn[], request: Rule["request"]): Rule => ({
  allow,
  forbid: ALL.filter((a) => !allow.includes(a)),
  request,
});

const day = (base: string, days: number) =>
  new Date(new Date(base).getTime() + days * DAY).toISOString().slice(0, 10);
/** The provider's cohorts: hidden from rival providers and assessors, visible (403) to companies and the bureau. */
const cohortOwner = (request: Rule["request"]): Rule => ({
  allow: ["provider"],
  forbid: ["companyAdmin", "companyMember", "otherCompany", "bureau"],
  request,
});
const company = ["companyAdmin", "companyMember"] satisfies SignedIn[];
const companies = ["companyAdmin", "companyMember", "otherCompany"] satisfies SignedIn[];

export const OPERATIONS: Record<string, Rule> = {
  getHealth: { allow: ALL, public: true, request: () => ({ path: "/health" }) },
  register: {
    allow: ALL,
    public: true,
    request: () => ({
      path: "/v1/auth/register",
      body: {
        organization: { kind: "company", name: "Matrix Co", uscc: freshUscc(), city: "Beijing" },
        user: { email: freshEmail("reg"), password: PASSWORD, displayName: "Reg" },
      },
    }),
  },
  login: {
    allow: ALL,
    public: true,
    request: (w) => ({ path: "/v1/auth/login", body: { email: w.orgs.company.email, password: PASSWORD } }),
  },
  logout: everyone(() => ({ path: "/v1/auth/logout" })),
  getMe: everyone(() => ({ path: "/v1/me" })),

  listOrganizations: everyone(() => ({ path: "/v1/organizations" })),
  getOrganization: everyone((w) => ({ path: `/v1/organizations/${w.orgs.company.orgId}` })),
  verifyOrganization: only(["bureau"], (w) => ({
    path: `/v1/organizations/${w.orgs.pendingOrg.orgId}/verify`,
  })),
  suspendOrganization: only(["bureau"], (w) => ({
    path: `/v1/organizations/${w.orgs.spareOrg.orgId}/suspend`,
    body: { reason: "Matrix" },
  })),
  addMember: only(["companyAdmin"], (w) => ({
    path: `/v1/organizations/${w.orgs.company.orgId}/members`,
    body: { email: freshEmail("m"), password: PASSWORD, displayName: "M" },
  })),
  accredit: only(["bureau"], (w) => ({
    path: `/v1/organizations/${w.orgs.provider.orgId}/accreditations`,
    body: { occupationCode: "big_data_engineer", validUntil: "2031-12-31" },
  })),
  listAccreditations: only(["provider", "bureau"], (w) => ({
    path: `/v1/organizations/${w.orgs.provider.orgId}/accreditations`,
  })),

  listOccupations: { allow: ALL, public: true, request: () => ({ path: "/v1/occupations" }) },
  getOccupation: { allow: ALL, public: true, request: () => ({ path: "/v1/occupations/ai_engineer" }) },
  createOccupation: only(["bureau"], () => ({
    path: "/v1/occupations",
    body: {
      code: `matrix_${Math.random().toString(36).slice(2, 8)}`,
      nameEn: "M",
      nameZh: "M",
      sector: "ai",
    },
  })),
  updateOccupation: only(["bureau"], () => ({
    path: "/v1/occupations/ai_engineer",
    body: { nameEn: "AI engineer" },
    etagOf: "/v1/occupations/ai_engineer",
  })),
  listSkills: { allow: ALL, public: true, request: () => ({ path: "/v1/skills" }) },
  getSkill: { allow: ALL, public: true, request: () => ({ path: "/v1/skills/skl_python_programming" }) },
  createSkill: only(["bureau"], () => ({
    path: "/v1/skills",
    body: { nameEn: "M", nameZh: "M", sector: "ai" },
  })),
  updateSkill: only(["bureau"], () => ({
    path: "/v1/skills/skl_python_programming",
    body: { nameEn: "Python programming" },
    etagOf: "/v1/skills/skl_python_programming",
  })),

  createOrder: only(companies, (w) => ({ path: "/v1/orders", body: orderBody(w.start) })),
  listOrders: everyone(() => ({ path: "/v1/orders?limit=5" })),
  getOrder: { allow: company, request: (w) => ({ path: `/v1/orders/${w.draftOrder.id}` }) },
  updateOrder: {
    allow: company,
    request: (w) => ({
      path: `/v1/orders/${w.draftOrder.id}`,
      body: { title: "Amended title" },
      etagOf: `/v1/orders/${w.draftOrder.id}`,
    }),
  },
  publishOrder: {
    allow: company,
    request: (w) => ({ path: `/v1/orders/${w.publishTarget.id}/publish` }),
  },
  cancelOrder: {
    allow: company,
    request: (w) => ({ path: `/v1/orders/${w.cancelTarget.id}/cancel`, body: { reason: "Matrix" } }),
  },
  listOrderAmendments: {
    allow: company,
    request: (w) => ({ path: `/v1/orders/${w.draftOrder.id}/amendments` }),
  },
  askQuestion: {
    allow: ["provider", "otherProvider"],
    forbid: ["companyAdmin", "companyMember", "otherCompany", "assessor", "bureau"],
    request: (w) => ({ path: `/v1/orders/${w.openOrder.id}/enquiries`, body: { question: "When?" } }),
  },
  listEnquiries: everyone((w) => ({ path: `/v1/orders/${w.openOrder.id}/enquiries` })),
  answerEnquiry: {
    allow: company,
    forbid: ["otherCompany", "provider", "otherProvider", "assessor", "bureau"],
    request: (w) => ({ path: `/v1/enquiries/${w.enquiry.id}/answer`, body: { answer: "Yes." } }),
  },

  createProgram: only(["provider", "otherProvider"], () => ({ path: "/v1/programs", body: programBody() })),
  listPrograms: everyone(() => ({ path: "/v1/programs?limit=5" })),
  getProgram: everyone((w) => ({ path: `/v1/programs/${w.program.id}` })),
  updateProgram: only(["provider"], (w) => ({
    path: `/v1/programs/${w.program.id}`,
    body: { title: "Renamed bootcamp" },
    etagOf: `/v1/programs/${w.program.id}`,
  })),
  archiveProgram: only(["provider"], (w) => ({ path: `/v1/programs/${w.spareProgram.id}/archive` })),
  createCohort: {
    allow: ["provider"],
    forbid: ["companyAdmin", "companyMember", "otherCompany", "otherProvider", "assessor", "bureau"],
    request: (w) => ({ path: "/v1/cohorts", body: w.cohortBody() }),
  },
  listCohorts: everyone(() => ({ path: "/v1/cohorts?limit=5" })),
  getCohort: {
    allow: [...companies, "provider", "bureau"],
    request: (w) => ({ path: `/v1/cohorts/${w.cohort.id}` }),
  },
  updateCohort: cohortOwner((w) => ({
    path: `/v1/cohorts/${w.cohort.id}`,
    body: { name: "Renamed cohort" },
    etagOf: `/v1/cohorts/${w.cohort.id}`,
  })),
  startCohort: cohortOwner((w) => ({ path: `/v1/cohorts/${w.cohort.id}/start` })),
  graduateCohort: cohortOwner((w) => ({ path: `/v1/cohorts/${w.cohort.id}/graduate` })),

  listOrderMatches: {
    allow: company,
    request: (w) => ({ path: `/v1/orders/${w.draftOrder.id}/matches` }),
  },
  listCohortMatches: {
    allow: ["provider", "bureau"],
    forbid: companies,
    request: (w) => ({ path: `/v1/cohorts/${w.cohort.id}/matches` }),
  },
  createAllocation: only(["bureau"], () => ({ path: "/v1/matching/allocations", body: { mode: "optimal" } })),
  getAllocation: only(["bureau"], (w) => ({ path: `/v1/matching/allocations/${w.allocationId}` })),
  listAllocations: only(["bureau"], () => ({ path: "/v1/matching/allocations?limit=5" })),

  createBid: {
    allow: ["provider", "otherProvider"],
    forbid: ["companyAdmin", "companyMember", "otherCompany", "assessor", "bureau"],
    request: (w) => ({
      path: `/v1/orders/${w.openOrder.id}/bids`,
      body: {
        programId: w.program.id,
        cohortSize: 10,
        pricePerTraineeFen: 1_000_000,
        startDate: day(w.openOrder.bidDeadline, 7),
        endDate: day(`${w.openOrder.deliverBy}T00:00:00Z`, -10),
        proposal: "Matrix",
        validUntil: day(w.openOrder.bidDeadline, 60),
      },
    }),
  },
  listOrderBids: {
    allow: [...company, "provider", "otherProvider", "bureau"],
    forbid: ["otherCompany", "assessor"],
    request: (w) => ({ path: `/v1/orders/${w.evalOrder.id}/bids` }),
  },
  listBids: only(["provider", "otherProvider"], () => ({ path: "/v1/bids" })),
  getBid: {
    allow: ["provider", ...company, "bureau"],
    request: (w) => ({ path: `/v1/bids/${w.evalBid.id}` }),
  },
  updateBid: {
    allow: ["provider"],
    request: (w) => ({
      path: `/v1/bids/${w.openBid.id}`,
      body: { proposal: "A better proposal" },
      etagOf: `/v1/bids/${w.openBid.id}`,
    }),
  },
  listBidRevisions: {
    allow: ["provider"],
    forbid: [...company, "bureau"],
    request: (w) => ({ path: `/v1/bids/${w.evalBid.id}/revisions` }),
  },
  submitBid: { allow: ["provider"], request: (w) => ({ path: `/v1/bids/${w.openBid.id}/submit` }) },
  withdrawBid: { allow: ["provider"], request: (w) => ({ path: `/v1/bids/${w.openBid.id}/withdraw` }) },
  reconfirmBid: { allow: ["provider"], request: (w) => ({ path: `/v1/bids/${w.openBid.id}/reconfirm` }) },
  disqualifyBid: {
    allow: company,
    forbid: ["provider", "bureau"],
    request: (w) => ({ path: `/v1/bids/${w.evalBid.id}/disqualify`, body: { reason: "Matrix" } }),
  },
  inviteProvider: {
    allow: company,
    forbid: ["otherCompany", "provider", "otherProvider", "assessor", "bureau"],
    request: (w) => ({
      path: `/v1/orders/${w.openOrder.id}/invitations`,
      body: { providerOrgId: w.orgs.otherProvider.orgId, message: "Matrix" },
    }),
  },
  listInvitations: {
    allow: [...companies, "provider", "otherProvider", "bureau"],
    forbid: ["assessor"],
    request: () => ({ path: "/v1/invitations" }),
  },
  awardOrder: {
    allow: company,
    forbid: ["otherCompany", "provider", "otherProvider", "assessor", "bureau"],
    request: (w) => ({
      path: `/v1/orders/${w.evalOrder.id}/award`,
      body: { bidIds: [w.evalBid.id], reason: "Matrix" },
    }),
  },
  getAward: {
    allow: [...company, "provider", "bureau"],
    forbid: ["otherCompany", "otherProvider", "assessor"],
    request: (w) => ({ path: `/v1/orders/${w.awardedOrder.id}/award` }),
  },
  listContracts: everyone(() => ({ path: "/v1/contracts" })),
  getContract: {
    allow: [...company, "provider", "bureau"],
    request: (w) => ({ path: `/v1/contracts/${w.contractId}` }),
  },
  // The contract's two parties act on it; the bureau sees it (403 where it is no party); everyone else gets 404.
  updateContract: {
    allow: [...company, "provider"],
    forbid: ["bureau"],
    request: (w) => ({
      path: `/v1/contracts/${w.contractId}`,
      body: { specialTerms: "Monthly progress reports" },
      etagOf: `/v1/contracts/${w.contractId}`,
    }),
  },
  listContractVersions: {
    allow: [...company, "provider", "bureau"],
    request: (w) => ({ path: `/v1/contracts/${w.contractId}/versions` }),
  },
  signContract: {
    allow: ["companyAdmin", "provider"],
    forbid: ["companyMember", "bureau"],
    request: (w) => ({ path: `/v1/contracts/${w.contractId}/sign` }),
  },
  submitContract: {
    allow: [...company, "provider"],
    forbid: ["bureau"],
    request: (w) => ({ path: `/v1/contracts/${w.contractId}/submit` }),
  },
  reviewContract: {
    allow: ["bureau"],
    forbid: [...company, "provider"],
    request: (w) => ({
      path: `/v1/contracts/${w.contractId}/review`,
      body: { decision: "approve", reason: "Matrix", subsidyApprovedFen: 0 },
    }),
  },
  startContract: {
    allow: ["provider"],
    forbid: [...company, "bureau"],
    request: (w) => ({
      path: `/v1/contracts/${w.contractId}/start`,
      body: { cohortId: w.contractCohort.id },
    }),
  },
  completeContract: {
    allow: [...company, "provider"],
    forbid: ["bureau"],
    request: (w) => ({ path: `/v1/contracts/${w.contractId}/complete` }),
  },
  terminateContract: {
    allow: [...company, "provider", "bureau"],
    request: (w) => ({ path: `/v1/contracts/${w.contractId}/terminate`, body: { reason: "Matrix" } }),
  },

  // Objections to the award of `objectedOrder` (P won, the other provider lost and objected): the order is public,
  // so its objections answer 403 to those who are neither its company, the bureau nor a bidder; one objection is
  // hidden from them (404).
  fileObjection: only(["otherProvider"], (w) => ({
    path: `/v1/orders/${w.objectedOrder.id}/objections`,
    body: { reason: "Matrix" },
  })),
  listObjections: {
    allow: [...company, "provider", "otherProvider", "bureau"],
    forbid: ["otherCompany", "assessor"],
    request: (w) => ({ path: `/v1/orders/${w.objectedOrder.id}/objections` }),
  },
  getObjection: {
    allow: [...company, "provider", "otherProvider", "bureau"],
    request: (w) => ({ path: `/v1/objections/${w.objectionId}` }),
  },
  answerObjection: {
    allow: company,
    forbid: ["provider", "otherProvider", "bureau"],
    request: (w) => ({ path: `/v1/objections/${w.objectionId}/answer`, body: { answer: "Matrix" } }),
  },
  decideObjection: {
    allow: ["bureau"],
    forbid: [...company, "provider", "otherProvider"],
    request: (w) => ({
      path: `/v1/objections/${w.objectionId}/decide`,
      body: { decision: "dismissed", reason: "Matrix" },
    }),
  },

  listSubsidyPolicies: everyone(() => ({ path: "/v1/subsidy-policies" })),
  putSubsidyPolicy: only(["bureau"], () => ({
    path: "/v1/subsidy-policies/big_data_engineer",
    body: { perTraineeFen: 250_000, validFrom: "2026-01-01", validUntil: "2031-12-31" },
  })),
  // A party reads the events of an entity of its own, the bureau every event; to anyone else the entity is hidden.
  listAuditEvents: {
    allow: [...company, "provider", "bureau"],
    request: (w) => ({ path: `/v1/audit?entityType=contract&entityId=${w.contractId}` }),
  },
  getOrderOcds: {
    allow: ALL,
    public: true,
    request: (w) => ({ path: `/v1/orders/${w.awardedOrder.id}/ocds` }),
  },
  getContractDelivery: {
    allow: [...company, "provider", "bureau"],
    request: (w) => ({ path: `/v1/contracts/${w.contractId}/delivery` }),
  },
  // Trainees of the delivery contract's cohort: the provider manages them; the contracted company sees records and
  // places the completed; the assessor sees the trainee it certified and assesses any in its occupation; the bureau
  // sees all; nobody else (404).
  enrolTrainees: {
    allow: ["provider"],
    forbid: [...company, "bureau"],
    request: (w) => ({
      path: `/v1/cohorts/${w.deliveryCohort.id}/trainees`,
      body: { trainees: [{ name: "王五", email: "wang.wu@example.cn", idLast4: "123X" }] },
    }),
  },
  listCohortTrainees: {
    allow: [...company, "provider", "bureau"],
    request: (w) => ({ path: `/v1/cohorts/${w.deliveryCohort.id}/trainees` }),
  },
  getTrainee: {
    allow: [...company, "provider", "assessor", "bureau"],
    request: (w) => ({ path: `/v1/trainees/${w.certifiedTraineeId}` }),
  },
  updateTrainee: {
    allow: ["provider"],
    forbid: [...company, "bureau"],
    request: (w) => ({
      path: `/v1/trainees/${w.traineeId}`,
      body: { status: "completed", statusDate: w.start.toISOString().slice(0, 10) },
      etagOf: `/v1/trainees/${w.traineeId}`,
    }),
  },
  recordPlacement: {
    allow: company,
    forbid: ["provider", "assessor", "bureau"],
    request: (w) => ({
      path: `/v1/trainees/${w.certifiedTraineeId}/placement`,
      body: { hired: true, hiredOn: w.start.toISOString().slice(0, 10), salaryFen: 1_200_000 },
    }),
  },
  recordAssessment: {
    allow: ["assessor"],
    forbid: [...company, "provider", "bureau"],
    request: (w) => ({
      path: `/v1/trainees/${w.certifiedTraineeId}/assessments`,
      body: {
        occupationCode: "ai_engineer",
        level: 2,
        result: "fail",
        assessedOn: w.start.toISOString().slice(0, 10),
      },
    }),
  },
  listAssessments: {
    allow: [...company, "provider", "assessor", "bureau"],
    request: (w) => ({ path: `/v1/trainees/${w.certifiedTraineeId}/assessments` }),
  },
  listAssessmentQueue: only(["assessor"], () => ({ path: "/v1/assessments/queue" })),
  checkCertificate: {
    allow: ALL,
    public: true,
    request: (w) => ({ path: `/v1/certificates/${w.certificateNo}` }),
  },
  getStatsOverview: only(["bureau"], () => ({ path: "/v1/stats/overview" })),
  getStatsBySector: only(["bureau"], () => ({ path: "/v1/stats/sectors" })),
  getStatsByProvider: only(["bureau"], () => ({ path: "/v1/stats/providers" })),
  setStatsTarget: only(["bureau"], () => ({ path: "/v1/stats/targets/2026", body: { target: 10_000 } })),
};

/** What `actor` must get from the operation: "allowed", or the status that denies it. */
export function expected(rule: Rule, actor: ActorName): "allowed" | 401 | 403 | 404 {
  if (actor === "anonymous" || actor === "suspended") return rule.public ? "allowed" : 401;
  if (rule.allow.includes(actor)) return "allowed";
  return rule.forbid?.includes(actor) ? 403 : 404;
}
