import { env } from "cloudflare:workers";
import { adminOnly, expectAll, type MatrixCase } from "../matrix.ts";

/** The agency list is the caller's own kabupaten's: there is no other kabupaten to address, so "near" and "out" ask the same. */
export const agencyCases: MatrixCase[] = [
  {
    group: "agencies",
    name: "GET /api/v1/agencies",
    request: async () => ({ path: "/api/v1/agencies" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "agencies",
    name: "PUT /api/v1/agencies (the demo kabupaten's own list again)",
    request: async () => ({ path: "/api/v1/agencies", method: "PUT", body: { agencies: env.TEST_DEMO_AGENCIES } }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
];
