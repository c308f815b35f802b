/**
 * The authorization matrix: every route group, every role, a target inside the demo kabupaten (the caller's own
 * scope) and one in another kabupaten. Each route group adds its cases in `cases/`; the test runs them all.
 */
import type { Role } from "../../shared/access/roles.ts";
import type { Caller } from "../support/principals.ts";

export type CallerKey = "anonymous" | Role;
export type Where = "in" | "out";

export interface MatrixRequest {
  path: string;
  method?: string;
  body?: unknown;
}

export interface MatrixCase {
  group: string;
  name: string;
  /** Builds a fresh request for a target in the caller's scope ("in") or in another kabupaten ("out"). */
  request: (where: Where, caller: Caller | null) => Promise<MatrixRequest>;
  /** Expected status per caller: [in scope, other kabupaten]. */
  expect: Record<CallerKey, readonly [number, number]>;
}

/** Shorthand: the same pair of statuses for every role but the ones listed. */
export function expectAll(pair: readonly [number, number], overrides: Partial<Record<CallerKey, readonly [number, number]>>) {
  const roles: CallerKey[] = ["anonymous", "village_operator", "district_verifier", "agency_reviewer", "integration", "planning_admin"];
  return Object.fromEntries(roles.map((r) => [r, overrides[r] ?? pair])) as Record<CallerKey, readonly [number, number]>;
}

/** Only Bappeda may; everyone else signed in is refused or, outside the kabupaten, shown nothing. */
export const adminOnly = (pair: readonly [number, number], others: readonly [number, number]) => expectAll(others, { anonymous: [401, 401], planning_admin: pair });

/** The agency's reviewers and its integration token, and Bappeda. */
export const agencyRoles = (pair: readonly [number, number], others: readonly [number, number]) =>
  expectAll(others, { anonymous: [401, 401], agency_reviewer: pair, integration: pair, planning_admin: pair });
