/** The demo acts through the services as its organisations' users, each at a chosen moment. */
import type { Actor } from "../platform/actor";
import type { Services } from "../platform/context";
import { type Scope, scopeFor } from "../platform/scope";

/** A scope for `actor` acting at `at` (the demo's history spans weeks). */
export type ScopeAt = (actor: Actor, at: Date) => Scope;

/** The demo's ScopeAt over the app's services. */
export const scopeAtFor =
  (services: Omit<Services, "clock">): ScopeAt =>
  (actor, at) =>
    scopeFor({ ...services, clock: { now: () => at } }, actor);
