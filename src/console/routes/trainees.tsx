/**
 * Trainees of a contract through the trainees services: the list with delivery figures, the provider's enrolment
 * and completion, the company's placement; and `/console/trainees`, the contracts that have trainees.
 */
import { Hono } from "hono";
import { getContract, listContracts } from "../../modules/contracts/service";
import { getContractDelivery, recordPlacement } from "../../modules/trainees/placement";
import { enrolmentSchema, placementInputSchema, traineePatchSchema } from "../../modules/trainees/schemas";
import {
  enrolTrainees,
  getTrainee,
  listCohortTrainees,
  settleTrainee,
  today,
} from "../../modules/trainees/service";
import { invalidField } from "../../platform/errors";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { parseInput, postedValues, postedVersion } from "../forms/values";
import { yuanInputToFen } from "../i18n/format";
import { ContractTraineesPage, TraineeContractsPage } from "../pages/trainees/trainees";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";
import { contractRows } from "./contracts";
import { afterPost, outcomeOf } from "./outcome";

const page = (contractId: string) => `/console/contracts/${contractId}/trainees`;
/** An optional text field: absent when left empty. */
const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** What a contract's trainee page shows, loaded through the services for the signed-in viewer. */
export async function traineesView(c: ConsoleContext, contractId: string) {
  const scope = await consoleScopeOf(c);
  const contract = await getContract(scope, { id: contractId });
  const [frame, delivery, trainees, [row]] = await Promise.all([
    pageFrame(c),
    getContractDelivery(scope, { id: contract.id }),
    contract.cohortId
      ? listCohortTrainees(scope, { cohortId: contract.cohortId, limit: 500 }).then((p) => p.data)
      : [],
    contractRows(scope, [contract]),
  ]);
  const { orgKind, orgId } = scope.actor;
  const side = orgKind === "bureau" ? "bureau" : orgId === contract.companyOrgId ? "company" : "provider";
  return { frame, scope, contract, orderTitle: row.orderTitle, delivery, trainees, side } as const;
}

/** `/console/trainees`, `/console/contracts/:id/trainees`, `/console/trainees/:id/…`. */
export const traineesRouter = new Hono<ConsoleEnv>()
  .get("/trainees", async (c) => {
    const scope = await consoleScopeOf(c);
    const [active, completed] = await Promise.all([
      listContracts(scope, { status: "active", limit: 50 }),
      listContracts(scope, { status: "completed", limit: 50 }),
    ]);
    const [frame, rows] = await Promise.all([
      pageFrame(c),
      contractRows(scope, [...active.data, ...completed.data]),
    ]);
    return render(c, <TraineeContractsPage frame={frame} rows={rows} />);
  })
  .get("/contracts/:id/trainees", async (c) => {
    const view = await traineesView(c, c.req.param("id"));
    return render(c, <ContractTraineesPage frame={view.frame} view={{ ...view, ...outcomeOf(c) }} />);
  })
  .post("/contracts/:id/trainees", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const scope = await consoleScopeOf(c);
    const contract = await getContract(scope, { id });
    return afterPost(c, page(id), "enrolled", async () => {
      const trainee = {
        name: values.name ?? "",
        phone: optional(values.phone),
        email: optional(values.email),
        idLast4: optional(values.idLast4),
      };
      const { trainees } = parseInput(enrolmentSchema, { trainees: [trainee] });
      if (!contract.cohortId) throw invalidField("cohortId", "the contract has not started");
      return enrolTrainees(scope, { cohortId: contract.cohortId, trainees });
    });
  })
  .post("/trainees/:id/complete", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const scope = await consoleScopeOf(c);
    const trainee = await getTrainee(scope, { id });
    return afterPost(c, page(trainee.contractId), "traineeCompleted", async () => {
      // Completed today, as the provider presses the button.
      const patch = parseInput(traineePatchSchema, { status: "completed", statusDate: today(scope.now) });
      return settleTrainee(scope, { id, patch, expectedVersion: postedVersion(values) ?? trainee.version });
    });
  })
  .post("/trainees/:id/placement", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const scope = await consoleScopeOf(c);
    const trainee = await getTrainee(scope, { id });
    return afterPost(c, page(trainee.contractId), "placed", async () => {
      const hired = values.hired === "true";
      const yuan = hired ? optional(values.salaryYuan) : undefined;
      const salaryFen = yuan === undefined ? undefined : yuanInputToFen(yuan);
      if (salaryFen === null) throw invalidField("salaryFen", "not an amount");
      const input = parseInput(placementInputSchema, {
        hired,
        ...(hired && optional(values.hiredOn) ? { hiredOn: optional(values.hiredOn) } : {}),
        ...(salaryFen === undefined ? {} : { salaryFen }),
      });
      return recordPlacement(scope, { traineeId: id, ...input });
    });
  });
