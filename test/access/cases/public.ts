import { expectAll, type MatrixCase, placeFor } from "../matrix.ts";

/**
 * The public account: pages and open-data files of a kabupaten (the caller's, another kecamatan or desa of it,
 * another kabupaten), the same 200 for every caller, signed in or not; what they hold is tested in
 * test/hostile/public-account.test.ts (nothing private, the same for a signed-in caller as for the public).
 */
const everyone = expectAll([200, 200, 200], {});

export const publicCases: MatrixCase[] = [
  {
    group: "public",
    name: "GET /api/v1/public/{year}/{kabupaten}/proposals.csv",
    request: async (where, caller) => ({ path: `/api/v1/public/2027/${placeFor(where, caller).regency}/proposals.csv` }),
    expect: everyone,
  },
  {
    group: "public",
    name: "GET /api/v1/public/{year}/{kabupaten}/proposals.json",
    request: async (where, caller) => ({ path: `/api/v1/public/2027/${placeFor(where, caller).regency}/proposals.json` }),
    expect: everyone,
  },
  {
    group: "public",
    name: "GET /publik/{year}/kabupaten/{kabupaten} (page)",
    request: async (where, caller) => ({ path: `/publik/2027/kabupaten/${placeFor(where, caller).regency}` }),
    expect: everyone,
  },
  {
    group: "public",
    name: "GET /publik/{year}/kecamatan/{kecamatan} (page)",
    request: async (where, caller) => ({ path: `/publik/2027/kecamatan/${placeFor(where, caller).district}` }),
    expect: everyone,
  },
  {
    group: "public",
    name: "GET /publik/{year}/desa/{desa} (page)",
    request: async (where, caller) => ({ path: `/publik/2027/desa/${placeFor(where, caller).village}` }),
    expect: everyone,
  },
];
