/** Who is calling: the authenticated user and their organisation, plus the role checks built on it. */
import type { OrgKind, OrgStatus } from "../db/schema";
import { AppError } from "./errors";

export type { OrgKind, OrgStatus };

export interface Actor {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  orgStatus: OrgStatus;
  role: "admin" | "member";
}

/** 403 unless the actor's organisation is of one of the given kinds. */
export function requireKind(actor: Actor, ...kinds: OrgKind[]): void {
  if (!kinds.includes(actor.orgKind)) {
    throw new AppError("forbidden", `This action is for ${kinds.join(" or ")} organisations`);
  }
}

/** 403 unless the actor's organisation has been verified by the bureau. */
export function requireVerified(actor: Actor): void {
  if (actor.orgKind !== "bureau" && actor.orgStatus !== "verified") {
    throw new AppError("forbidden", "Your organisation has not been verified by the bureau yet");
  }
}

export const isBureau = (actor: Actor) => actor.orgKind === "bureau";
