/** Demo training programs and cohorts of Beijing providers, created through the services; deterministic. */
import { seededSkillId } from "../db/seed/taxonomy";
import { OCCUPATIONS, SKILLS } from "../db/seed/taxonomy-data";
import { createCohort, moveCohort } from "../modules/cohorts/service";
import { createProgram } from "../modules/programs/service";
import type { Actor } from "../platform/actor";
import { DAY, HOUR } from "../platform/clock";
import { prng } from "../platform/prng";
import type { ScopeAt } from "./scope";

const PROGRAM_COUNT = 20;
const DISTRICTS = ["Haidian", "Chaoyang", "Daxing", "Changping", "Fengtai", "Shunyi"] as const;
const CAPACITIES = [20, 24, 30, 36, 40, 45, 50, 60] as const;
const MODES = ["onsite", "online", "hybrid"] as const;

/** Two offerings per occupation: [title, short name, weeks]. */
const CATALOG: Record<string, [string, string, number][]> = {
  ai_engineer: [
    ["Large-model application engineering bootcamp (大模型应用开发实战营)", "LLM bootcamp", 12],
    ["Computer vision engineering for smart manufacturing (工业视觉算法工程师班)", "CV engineering", 16],
  ],
  ai_trainer: [
    ["AI trainer level-4 certification course (人工智能训练师四级)", "AI trainer L4", 8],
    ["Data annotation and quality control practicum (数据标注与质检实训)", "Annotation practicum", 6],
  ],
  big_data_engineer: [
    ["Real-time data warehouse with Flink and Kafka (实时数仓开发)", "Real-time DW", 14],
    ["Big-data platform engineering with Spark and Hive (大数据平台开发)", "Big-data platform", 18],
  ],
  cloud_engineer: [
    ["Cloud-native operations with Kubernetes (云原生运维工程师)", "Cloud-native ops", 12],
    ["Hybrid cloud architecture and DevOps (混合云架构与DevOps)", "Hybrid cloud", 16],
  ],
  blockchain_engineer: [
    ["ChainMaker and FISCO BCOS developer programme (长安链与FISCO BCOS开发)", "Consortium chains", 12],
    ["Smart-contract development and audit (智能合约开发与审计)", "Smart contracts", 10],
  ],
  iot_engineer: [
    ["NB-IoT and LoRaWAN device engineering (物联网终端开发)", "IoT devices", 12],
    ["Edge computing and IoT platform integration (边缘计算与物联网平台)", "Edge & platforms", 14],
  ],
  intelligent_manufacturing_engineer: [
    ["Industrial robot programming and commissioning (工业机器人编程与调试)", "Robot programming", 16],
    ["MES and production-line integration (MES与产线集成)", "MES integration", 12],
  ],
  industrial_internet_engineer: [
    ["Industrial-internet platform and OPC UA engineering (工业互联网平台开发)", "IIoT platform", 14],
    ["Predictive maintenance with industrial data (工业数据分析与预测性维护)", "Predictive maintenance", 10],
  ],
  vr_engineer: [
    ["Unity and Unreal XR content development (XR内容开发)", "XR content", 16],
    ["3D modelling and real-time rendering (三维建模与实时渲染)", "3D & rendering", 12],
  ],
  digital_twin_technician: [
    ["Factory digital-twin application technician (工厂数字孪生应用)", "Factory twin", 12],
    ["BIM and city information modelling (BIM与城市信息模型)", "BIM & CIM", 10],
  ],
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Seeds 20 programs spread over the providers' accredited occupations and 2 cohorts each (some in training).
 * @example const { programIds, cohortIds } = await seedDemoPrograms(as, [{ actor, occupations: ["ai_engineer"] }], now);
 */
export async function seedDemoPrograms(
  as: ScopeAt,
  providers: { actor: Actor; occupations: string[] }[],
  now: Date,
): Promise<{ programIds: string[]; cohortIds: string[] }> {
  const rnd = prng(20260302);
  const offers = providers.flatMap((p) =>
    p.occupations.filter((o) => CATALOG[o]).map((occupationCode) => ({ actor: p.actor, occupationCode })),
  );
  const programIds: string[] = [];
  const cohortIds: string[] = [];
  if (offers.length === 0) return { programIds, cohortIds };
  const offeredPerOccupation = new Map<string, number>();

  for (let i = 0; i < PROGRAM_COUNT; i++) {
    const { actor, occupationCode } = offers[i % offers.length];
    const occupation = OCCUPATIONS.find((o) => o.code === occupationCode)!;
    const nth = offeredPerOccupation.get(occupationCode) ?? 0;
    offeredPerOccupation.set(occupationCode, nth + 1);
    const [baseTitle, shortName, durationWeeks] = CATALOG[occupationCode][nth % 2];
    const title = nth < 2 ? baseTitle : `${baseTitle} — evening track`;
    const sectorSkills = SKILLS.filter((s) => s.sector === occupation.sector);
    const taught = rnd
      .sample(sectorSkills, rnd.int(3, 6))
      .map((s) => ({ skillId: seededSkillId(s.key), level: rnd.int(2, 4) }));
    // National codes 2-xx are professional-technical occupations; 4-xx are skilled trades with vocational levels.
    const technical = occupation.nationalCode?.startsWith("2-") ?? false;
    const cohortCapacity = rnd.pick(CAPACITIES);
    // Offered two months ago, before any demo order was published, so that providers can bid with them.
    const createdAt = new Date(now.getTime() - 60 * DAY + i * 6 * HOUR);
    const program = await createProgram(as(actor, createdAt), {
      title,
      description: `${durationWeeks}-week ${shortName} programme in Beijing: ${taught.length} core skills, project work with partner employers, and assessment for the ${occupation.nameZh} certificate.`,
      occupationCode,
      skills: taught,
      durationWeeks,
      mode: rnd.pick(MODES),
      city: "Beijing",
      cohortCapacity,
      pricePerTraineeFen: rnd.int(30, 250) * 10_000,
      certification: technical
        ? { type: "professional_technical_grade", level: rnd.int(1, 3) }
        : { type: "vocational_skill_level", level: rnd.int(3, 4) },
    });
    programIds.push(program.id);

    for (let k = 0; k < 2; k++) {
      const running = k === 0 && i % 3 === 0;
      const readyDate = isoDate(
        new Date(now.getTime() + (running ? rnd.int(30, 60) : rnd.int(60, 180)) * DAY),
      );
      const cohort = await createCohort(as(actor, createdAt), {
        programId: program.id,
        name: `${shortName} ${readyDate.slice(0, 7)} class ${k + 1}`,
        size: rnd.int(Math.ceil(cohortCapacity * 0.4), cohortCapacity),
        readyDate,
        city: "Beijing",
        district: rnd.pick(DISTRICTS),
        skills: taught.map((s) => ({
          skillId: s.skillId,
          level: Math.max(1, s.level - rnd.int(0, 1)),
          share: rnd.int(60, 95) / 100,
        })),
      });
      if (running) await moveCohort(as(actor, now), { id: cohort.id, action: "start" });
      cohortIds.push(cohort.id);
    }
  }
  return { programIds, cohortIds };
}
