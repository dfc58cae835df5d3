/**
 * The console's navigation per organisation kind, and its extension points. An entry whose `feature` is not yet
 * built stays hidden: the next round turns a feature on in `FEATURES` when its service and pages exist (bids,
 * invitations, the award, contracts, objections, trainees, assessments, certificates, public verification,
 * statistics, subsidy policies and OCDS are on).
 */
import type { OrgKind } from "../platform/actor";
import type { MessageKey } from "./i18n";

/** Areas of the product whose console pages come with their services. */
export const FEATURES = {
  bids: true,
  invitations: true,
  award: true,
  contracts: true,
  objections: true,
  subsidies: true,
  trainees: true,
  assessments: true,
  certificates: true,
  statistics: true,
  publicVerification: true,
  ocds: true,
} satisfies Record<string, boolean>;

export type Feature = keyof typeof FEATURES;

/** One navigation entry. */
export interface NavEntry {
  /** Also the `current` key pages pass to the layout. */
  key: string;
  label: MessageKey;
  href: string;
  /** Shown only once this feature is built. */
  feature?: Feature;
}

const home: NavEntry = { key: "home", label: "nav.home", href: "/console" };

/** Every entry per kind, including the hidden extension points (in the order they will appear). */
export const NAV: Record<OrgKind, NavEntry[]> = {
  company: [
    home,
    { key: "orders", label: "nav.orders", href: "/console/orders" },
    { key: "newOrder", label: "nav.newOrder", href: "/console/orders/new" },
    { key: "invitations", label: "nav.invitations", href: "/console/invitations", feature: "invitations" },
    { key: "contracts", label: "nav.contracts", href: "/console/contracts", feature: "contracts" },
    { key: "objections", label: "nav.objections", href: "/console/objections", feature: "objections" },
    { key: "trainees", label: "nav.trainees", href: "/console/trainees", feature: "trainees" },
  ],
  provider: [
    home,
    { key: "market", label: "nav.market", href: "/console/market" },
    { key: "programs", label: "nav.programs", href: "/console/programs" },
    { key: "cohorts", label: "nav.cohorts", href: "/console/cohorts" },
    { key: "bids", label: "nav.myBids", href: "/console/bids", feature: "bids" },
    { key: "invitations", label: "nav.invitations", href: "/console/invitations", feature: "invitations" },
    { key: "contracts", label: "nav.contracts", href: "/console/contracts", feature: "contracts" },
    { key: "trainees", label: "nav.trainees", href: "/console/trainees", feature: "trainees" },
  ],
  assessor: [
    home,
    { key: "assessments", label: "nav.assessments", href: "/console/assessments", feature: "assessments" },
    {
      key: "certificates",
      label: "nav.certificates",
      href: "/console/certificates",
      feature: "certificates",
    },
  ],
  bureau: [
    home,
    { key: "organizations", label: "nav.organizations", href: "/console/organizations" },
    { key: "orders", label: "nav.orders", href: "/console/orders" },
    { key: "contracts", label: "nav.reviews", href: "/console/contracts", feature: "contracts" },
    { key: "objections", label: "nav.objections", href: "/console/objections", feature: "objections" },
    { key: "subsidies", label: "nav.subsidies", href: "/console/subsidies", feature: "subsidies" },
    { key: "statistics", label: "nav.statistics", href: "/console/statistics", feature: "statistics" },
  ],
};

const isBuilt = (entry: NavEntry) => !entry.feature || FEATURES[entry.feature];

/** The entries an organisation of this kind sees today. */
export const navFor = (kind: OrgKind): NavEntry[] => NAV[kind].filter(isBuilt);
