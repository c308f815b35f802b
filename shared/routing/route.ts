/**
 * Where a classified proposal goes: one review task per agency that owns one of its codes, and Bappeda triage
 * when no code has an owner. Never nowhere.
 */
import { responsibleAgency } from "./responsible-agency.ts";

export interface RoutingPlan {
  /** Agency id → the proposal's codes that agency owns. */
  agencies: ReadonlyMap<string, readonly string[]>;
  /** Codes no agency of the kabupaten owns. */
  unowned: readonly string[];
  triage: boolean;
}

export function planRouting(codes: readonly string[], agencyByPrefix: ReadonlyMap<string, string>): RoutingPlan {
  const agencies = new Map<string, string[]>();
  const unowned: string[] = [];
  for (const code of new Set(codes)) {
    const agency = responsibleAgency(code, agencyByPrefix);
    if (agency) agencies.set(agency, [...(agencies.get(agency) ?? []), code]);
    else unowned.push(code);
  }
  return { agencies, unowned, triage: agencies.size === 0 };
}
