/** The statistics as CSV tables: one flat row per sector or provider, the overview as metric/value pairs. */
import { CONTRACT_STATUSES } from "../../db/schema";
import { type Cell, toCsv } from "./csv";
import {
  CERTIFICATION_GRADES,
  type Figures,
  type Overview,
  type ProviderStats,
  type SectorStats,
} from "./schemas";

const gradeColumns = CERTIFICATION_GRADES.map((g) => `certified_${g.certificationType}_${g.level}`);
const figureColumns = [
  "enrolled",
  "completed",
  "certified",
  ...gradeColumns,
  "placed",
  "subsidies_approved_fen",
  ...CONTRACT_STATUSES.map((s) => `contracts_${s}`),
];

const figureCells = (f: Figures): Cell[] => [
  f.enrolled,
  f.completed,
  f.certified,
  ...f.certifications.map((g) => g.certified),
  f.placed,
  f.subsidiesApprovedFen,
  ...CONTRACT_STATUSES.map((s) => f.contracts[s]),
];

export function overviewCsv(o: Overview): string {
  const names = ["year", "target", "progress", ...figureColumns];
  const values = [o.year, o.target, o.progress, ...figureCells(o)];
  return toCsv(
    ["metric", "value"],
    names.map((n, i) => [n, values[i]]),
  );
}

export function sectorsCsv(s: SectorStats): string {
  return toCsv(
    ["year", "sector", ...figureColumns],
    s.data.map((row) => [s.year, row.sector, ...figureCells(row)]),
  );
}

export function providersCsv(p: ProviderStats): string {
  return toCsv(
    [
      "year",
      "provider_org_id",
      "name",
      "contracts",
      "trainees",
      "completed",
      "dropped",
      "certified",
      "placed",
      "completion_rate",
      "certification_rate",
      "placement_rate",
    ],
    p.data.map((r) => [
      p.year,
      r.providerOrgId,
      r.name,
      r.contracts,
      r.trainees,
      r.completed,
      r.dropped,
      r.certified,
      r.placed,
      r.completionRate,
      r.certificationRate,
      r.placementRate,
    ]),
  );
}
