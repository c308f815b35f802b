import { env } from "cloudflare:workers";
import { proposalIn } from "./proposals.ts";
import { expectAll, type MatrixCase, placeFor, type Where } from "../matrix.ts";
import type { Caller } from "../../support/principals.ts";

/** A 2027 proposal at `where` that ended `status` (carried over by an agency): offered to its village for 2028. */
export async function offeredIn(where: Where, caller: Caller | null, status = "carried_over") {
  const proposal = await proposalIn(where, caller);
  await env.DB.prepare("UPDATE proposals SET status = ?, stage = 'opd_review' WHERE id = ?").bind(status, proposal.id).run();
  return proposal;
}

/** Only the desa's own operator chooses; everyone else is refused, and another kabupaten's is not found. */
const villageOnly = (allowed: number) => expectAll([403, 403, 404], { anonymous: [401, 401, 401], village_operator: [allowed, 403, 404] });

export const carryOverCases: MatrixCase[] = [
  {
    group: "proposals",
    name: "GET /api/v1/villages/{code}/carry-over (the caller's desa / another desa / another kabupaten's)",
    request: async (where, caller) => ({ path: `/api/v1/villages/${placeFor(where, caller).village}/carry-over?year=2028` }),
    expect: villageOnly(200),
  },
  {
    group: "proposals",
    name: "POST /api/v1/proposals/{id}/carry-over/keep",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await offeredIn(where, caller)).id}/carry-over/keep`, method: "POST", body: {} }),
    expect: villageOnly(201),
  },
  {
    group: "proposals",
    name: "POST /api/v1/proposals/{id}/carry-over/drop",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await offeredIn(where, caller)).id}/carry-over/drop`, method: "POST", body: {} }),
    expect: villageOnly(200),
  },
];
