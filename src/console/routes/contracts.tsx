/**
 * Contracts for their parties and the bureau: the lists, the contract page (terms, signatures, versions), and the
 * steps of its lifecycle (sign, submit, the bureau's review with the subsidy, start with a cohort, complete), each
 * through the contracts services as the API calls them.
 */
import { Hono } from "hono";
import { CONTRACT_STATUSES } from "../../db/schema";
import { listContractVersions, updateContract } from "../../modules/contracts/changes";
import { completeContract, startContract, terminateContract } from "../../modules/contracts/delivery";
import { reviewContract, signContract, submitContract } from "../../modules/contracts/lifecycle";
import { type Contract, reviewRequestSchema, terminateRequestSchema } from "../../modules/contracts/schemas";
import { getContract, listContracts } from "../../modules/contracts/service";
import { getCohort, listCohorts } from "../../modules/cohorts/service";
import { getOrder } from "../../modules/orders/service";
import { AppError, invalidFields } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { isFieldFailure } from "../form-errors";
import { adminFormErrors } from "../forms/admin-errors";
import { parseTermsForm, termsField } from "../forms/contract-terms";
import { parseInput, postedValues, postedVersion } from "../forms/values";
import { yuanInputToFen } from "../i18n/format";
import { ContractPage, type ContractView } from "../pages/contracts/detail";
import { ContractListPage, type ContractRowView } from "../pages/contracts/list";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { orgNames } from "./orders";
import { afterPost, outcomeOf } from "./outcome";

/** The title of each contract's order (a contract's parties and the bureau see its order). */
async function orderTitles(scope: Scope, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const titles = await Promise.all(
    unique.map((id) =>
      getOrder(scope, { id }).then(
        (o) => o.title,
        () => "—",
      ),
    ),
  );
  return new Map(unique.map((id, i) => [id, titles[i]]));
}

/** Contracts as list rows, with their order titles and party names. */
export async function contractRows(scope: Scope, contracts: Contract[]): Promise<ContractRowView[]> {
  const [titles, names] = await Promise.all([
    orderTitles(
      scope,
      contracts.map((c) => c.orderId),
    ),
    orgNames(
      scope,
      contracts.flatMap((c) => [c.companyOrgId, c.providerOrgId]),
    ),
  ]);
  return contracts.map((contract) => ({
    contract,
    orderTitle: titles.get(contract.orderId) ?? "—",
    companyName: names.get(contract.companyOrgId) ?? "—",
    providerName: names.get(contract.providerOrgId) ?? "—",
  }));
}

/** The provider's planned cohorts in the contract's occupation not yet bound to a contract. */
async function startCohorts(scope: Scope, contract: Contract) {
  const page = await listCohorts(scope, {
    status: "planned",
    occupationCode: contract.occupationCode,
    limit: 100,
  });
  return page.data
    .filter((c) => c.providerOrgId === scope.actor.orgId && "contractId" in c && c.contractId === null)
    .map((c) => ({ id: c.id, name: c.name }));
}

/** A step's form: the contract page with its outcome. */
const back = (id: string) => `/console/contracts/${id}`;

/** The contract page for the viewer, with a refused form's state when there is one. */
async function showContract(
  c: ConsoleContext,
  id: string,
  extra: Partial<Pick<ContractView, "termsForm" | "stale" | "done" | "problem">>,
  status: 200 | 400 | 412 = 200,
) {
  const scope = await consoleScopeOf(c);
  const contract = await getContract(scope, { id });
  const side =
    scope.actor.orgKind === "bureau"
      ? "bureau"
      : scope.actor.orgId === contract.companyOrgId
        ? "company"
        : "provider";
  const [frame, versions, [row], cohort, cohorts] = await Promise.all([
    pageFrame(c),
    listContractVersions(scope, { id: contract.id }),
    contractRows(scope, [contract]),
    contract.cohortId ? getCohort(scope, { id: contract.cohortId }).catch(() => null) : null,
    side === "provider" && contract.status === "approved" ? startCohorts(scope, contract) : [],
  ]);
  const view: ContractView = {
    ...row,
    versions,
    cohortName: cohort?.name ?? null,
    side,
    isAdmin: scope.actor.role === "admin",
    startCohorts: cohorts,
    ...extra,
  };
  return render(c, <ContractPage frame={frame} view={view} />, status);
}

/** `/console/contracts…`. */
export const contractsRouter = new Hono<ConsoleEnv>()
  .get("/contracts", async (c) => {
    const scope = await consoleScopeOf(c);
    // The bureau lands on its review queue; the parties on all their contracts.
    const fallback = scope.actor.orgKind === "bureau" ? "under_review" : "all";
    const wanted = c.req.query("status") ?? fallback;
    const status = wanted === "all" || CONTRACT_STATUSES.includes(wanted as never) ? wanted : fallback;
    const cursor = c.req.query("cursor");
    const page = await listContracts(scope, {
      status: status === "all" ? undefined : (status as Contract["status"]),
      cursor,
      limit: 20,
    });
    const nextHref = page.nextCursor
      ? `/console/contracts?${new URLSearchParams({ status, cursor: page.nextCursor })}`
      : null;
    const [frame, rows] = await Promise.all([pageFrame(c), contractRows(scope, page.data)]);
    return render(c, <ContractListPage frame={frame} rows={rows} status={status} nextHref={nextHref} />);
  })
  .get("/contracts/:id", async (c) => showContract(c, c.req.param("id"), outcomeOf(c)))
  .post("/contracts/:id/terms", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const scope = await consoleScopeOf(c);
    const contract = await getContract(scope, { id });
    const parsed = parseTermsForm(c.var.t, contract, values);
    if (!parsed.ok) return showContract(c, id, { termsForm: parsed.form }, 400);
    try {
      await updateContract(scope, { id, expectedVersion: postedVersion(values) ?? 0, patch: parsed.patch });
    } catch (err) {
      if (isFieldFailure(err)) {
        const termsForm = { values, errors: adminFormErrors(c.var.t, err, termsField) };
        return showContract(c, id, { termsForm }, 400);
      }
      if (err instanceof AppError && err.code === "precondition_failed") {
        // Someone changed the contract since the form was read: say so, keep what was typed, show the new terms.
        const current = await getContract(scope, { id });
        const stale = c.var.t("contract.stale", { n: current.termsVersion });
        return showContract(c, id, { termsForm: { values, errors: {} }, stale }, 412);
      }
      if (err instanceof AppError && ["invalid_state", "forbidden"].includes(err.code))
        return seeOther(c, `${back(id)}?problem=${err.code}`);
      throw err;
    }
    return seeOther(c, `${back(id)}?done=termsChanged`);
  })
  .post("/contracts/:id/terminate", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, back(id), "terminated", async () => {
      const { reason } = parseInput(terminateRequestSchema, { reason: values.reason ?? "" });
      return terminateContract(await consoleScopeOf(c), {
        id,
        reason,
        expectedVersion: postedVersion(values),
      });
    });
  })
  .post("/contracts/:id/sign", async (c) => {
    const id = c.req.param("id");
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, back(id), "signed", async () =>
      signContract(await consoleScopeOf(c), { id, expectedVersion }),
    );
  })
  .post("/contracts/:id/submit", async (c) => {
    const id = c.req.param("id");
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, back(id), "contractSubmitted", async () =>
      submitContract(await consoleScopeOf(c), { id, expectedVersion }),
    );
  })
  .post("/contracts/:id/review", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, back(id), "reviewed", async () => {
      const decision = values.decision;
      // The subsidy field counts only with an approval; empty approves the amount requested.
      const yuan = decision === "approve" ? (values.subsidyYuan ?? "").trim() : "";
      const subsidyApprovedFen = yuan ? yuanInputToFen(yuan) : undefined;
      if (subsidyApprovedFen === null)
        throw invalidFields([{ path: "subsidyApprovedFen", message: "not an amount" }]);
      const review = parseInput(reviewRequestSchema, {
        decision,
        reason: values.reason ?? "",
        ...(subsidyApprovedFen === undefined ? {} : { subsidyApprovedFen }),
      });
      return reviewContract(await consoleScopeOf(c), {
        id,
        ...review,
        expectedVersion: postedVersion(values),
      });
    });
  })
  .post("/contracts/:id/start", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, back(id), "contractStarted", async () =>
      startContract(await consoleScopeOf(c), {
        id,
        cohortId: values.cohortId ?? "",
        expectedVersion: postedVersion(values),
      }),
    );
  })
  .post("/contracts/:id/complete", async (c) => {
    const id = c.req.param("id");
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, back(id), "completed", async () =>
      completeContract(await consoleScopeOf(c), { id, expectedVersion }),
    );
  });
