/**
 * The large seed's delivery: contracts moved to their states, cohorts bound, and trainees, assessments and
 * placements inserted in bulk (30,000 trainees through the API would take minutes for no added truth).
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import {
  assessments,
  type CERTIFICATION_TYPES,
  type ContractStatus,
  cohorts,
  contracts,
  placements,
  trainees,
} from "../db/schema";
import { CERTIFICATION_LEVELS } from "../modules/assessments/schemas";
import { newId } from "../platform/ids";
import type { prng } from "../platform/prng";
import type { Progress } from "./progress";

/** An awarded contract of the seed and the state it is to reach. */
export interface Delivered {
  contractId: string;
  cohortId: string;
  providerOrgId: string;
  occupationCode: string;
  certificationType: (typeof CERTIFICATION_TYPES)[number];
  certificationLevel: number;
  size: number;
  start: string;
  end: string;
  status: ContractStatus;
}

const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢",
];
const GIVEN = [
  ..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文博宇轩浩然子涵欣怡梓萱雨晨思远一鸣嘉",
];
const CHUNK = 1_000;
/** Contracts that have trainees: the training started. */
const TRAINING: ContractStatus[] = ["active", "completed", "terminated"];

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (a < b ? a : b);

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, progress: Progress) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await insert(rows.slice(i, i + CHUNK));
    progress.tick(Math.min(CHUNK, rows.length - i));
  }
}

/** Moves contracts, binds cohorts and fills in trainees' outcomes; returns the counts. */
export async function seedDeliveries(
  db: Database,
  input: {
    delivered: Delivered[];
    assessors: string[];
    now: Date;
    year: number;
    rand: ReturnType<typeof prng>;
    progress: Progress;
  },
) {
  const { delivered, assessors, now, year, rand, progress } = input;
  const today = now.toISOString().slice(0, 10);
  const at = now;

  // The contracts lifecycle (sign, review, start) is its own module; the seed sets the states it would reach.
  progress.phase("contract states", delivered.length);
  for (const d of delivered) {
    const approved = ["approved", "active", "completed", "terminated"].includes(d.status);
    await db
      .update(contracts)
      .set({
        status: d.status,
        subsidyApprovedFen: approved ? d.size * rand.int(20, 50) * 10_000 : null,
        updatedAt: at,
      })
      .where(eq(contracts.id, d.contractId));
    progress.tick();
  }
  const training = delivered.filter((d) => TRAINING.includes(d.status));
  await db
    .update(cohorts)
    .set({
      contractId: sql`(select ${contracts.id} from ${contracts} where ${contracts.cohortId} = ${cohorts.id} and ${contracts.status} <> 'cancelled')`,
      status: sql`case when (select ${contracts.status} from ${contracts} where ${contracts.cohortId} = ${cohorts.id} and ${contracts.status} <> 'cancelled') = 'active' then 'in_training' else 'graduated' end`,
      updatedAt: at,
    })
    .where(
      inArray(
        cohorts.id,
        training.map((d) => d.cohortId),
      ),
    );

  const traineeRows: (typeof trainees.$inferInsert)[] = [];
  const assessmentRows: (typeof assessments.$inferInsert)[] = [];
  const placementRows: (typeof placements.$inferInsert)[] = [];
  let certificate = 0;
  for (const d of training) {
    const finished = d.status !== "active";
    const last = minDate(d.end, addDays(today, -1));
    for (let k = 0; k < d.size; k++) {
      const roll = rand.next();
      const status = finished
        ? roll < (d.status === "terminated" ? 0.5 : 0.88)
          ? "completed"
          : "dropped"
        : roll < 0.35
          ? "completed"
          : roll < 0.45
            ? "dropped"
            : "enrolled";
      const statusDate =
        status === "completed"
          ? last
          : status === "dropped"
            ? minDate(addDays(d.start, rand.int(5, 60)), last)
            : null;
      const id = newId("trn");
      traineeRows.push({
        id,
        cohortId: d.cohortId,
        contractId: d.contractId,
        providerOrgId: d.providerOrgId,
        name: `${rand.pick(SURNAMES)}${rand.pick(GIVEN)}${rand.next() < 0.6 ? rand.pick(GIVEN) : ""}`,
        phone: `1${rand.int(30, 99)}${String(rand.int(0, 99_999_999)).padStart(8, "0")}`,
        idLast4: String(rand.int(0, 9999)).padStart(4, "0"),
        status,
        enrolledOn: d.start,
        statusDate,
        createdAt: at,
        updatedAt: at,
      });
      if (status !== "completed" || !statusDate) continue;
      let passed = false;
      if (rand.next() < 0.9) {
        passed = rand.next() < 0.82;
        const maxLevel = CERTIFICATION_LEVELS[d.certificationType];
        const level = Math.min(maxLevel, Math.max(1, d.certificationLevel + rand.int(-1, 1)));
        const assessedOn = minDate(addDays(statusDate, rand.int(3, 20)), today);
        assessmentRows.push({
          id: newId("asm"),
          traineeId: id,
          contractId: d.contractId,
          assessorOrgId: rand.pick(assessors),
          occupationCode: d.occupationCode,
          certificationType: d.certificationType,
          level,
          result: passed ? "pass" : "fail",
          assessedOn,
          certificateNo: passed
            ? `${d.certificationType === "vocational_skill_level" ? "S" : "P"}${year}${String(++certificate).padStart(8, "0")}`
            : null,
          createdAt: at,
        });
      }
      if (rand.next() < (passed ? 0.8 : 0.5)) {
        const hired = rand.next() < 0.85;
        const hiredOn = hired ? minDate(addDays(statusDate, rand.int(5, 40)), today) : null;
        placementRows.push({
          traineeId: id,
          contractId: d.contractId,
          hired,
          hiredOn,
          salaryFen: hired ? rand.int(12, 30) * 100_000 : null,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
  }
  progress.phase("trainees", traineeRows.length);
  await insertChunked(traineeRows, (c) => db.insert(trainees).values(c), progress);
  progress.phase("assessments", assessmentRows.length);
  await insertChunked(assessmentRows, (c) => db.insert(assessments).values(c), progress);
  progress.phase("placements", placementRows.length);
  await insertChunked(placementRows, (c) => db.insert(placements).values(c), progress);
  // What recordPlacement keeps per contract, counted once for the bulk load.
  await db.execute(sql`update contracts c set hires_made = h.n
    from (select contract_id, count(*)::int as n from placements where hired group by contract_id) h
    where h.contract_id = c.id`);
  // Fresh planner statistics: without them the first queries over the bulk-loaded tables plan for empty ones.
  await db.execute(sql`analyze trainees, assessments, placements, contracts, cohorts`);
  return {
    contracts: delivered.length,
    trainees: traineeRows.length,
    assessments: assessmentRows.length,
    placements: placementRows.length,
  };
}
