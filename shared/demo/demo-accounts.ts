/**
 * One demo account per role in Lampung Selatan (with the DPRD members the pokir accounts work for), and one integration token for Dinas PUPR's own system.
 * For local use only: the README prints these credentials. A real deployment creates its own through the API.
 */
import type { Role } from "../access/roles.ts";

export interface DemoAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
}

export const DEMO_PASSWORD = "musrenbang-demo";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: "acc_demo_desa", username: "operator.wayurang", displayName: "Operator Kelurahan Way Urang", role: "village_operator", scopeCode: "18.01.06.1008" },
  { id: "acc_demo_kecamatan", username: "verifikator.kalianda", displayName: "Verifikator Kecamatan Kalianda", role: "district_verifier", scopeCode: "18.01.06" },
  { id: "acc_demo_opd", username: "penelaah.pupr", displayName: "Penelaah Dinas PUPR", role: "agency_reviewer", scopeCode: "18.01-pupr" },
  { id: "acc_demo_bappeda", username: "admin.bappeda", displayName: "Admin Bappeda Lampung Selatan", role: "planning_admin", scopeCode: "18.01" },
  { id: "acc_demo_dprd", username: "anggota.dprd", displayName: "Hj. Siti Rohmah, S.Pd. (Anggota DPRD)", role: "dprd_member", scopeCode: "18.01-dprd-01" },
  { id: "acc_demo_setwan", username: "setwan.dprd", displayName: "Sekretariat DPRD Lampung Selatan", role: "dprd_secretariat", scopeCode: "18.01" },
  { id: "acc_demo_tematik", username: "forum.perempuan", displayName: "Forum Perempuan Lampung Selatan", role: "thematic_group", scopeCode: "perempuan" },
];

/** Demo members of the kabupaten's DPRD (names made up), whose pokir the demo member and Setwan enter. */
export const DEMO_DPRD_MEMBERS = [
  { id: "18.01-dprd-01", regencyCode: "18.01", name: "Hj. Siti Rohmah, S.Pd.", fraksi: "PKB", dapil: "Dapil 1 (Kalianda, Rajabasa, Sragi)" },
  { id: "18.01-dprd-02", regencyCode: "18.01", name: "Ir. Made Suarta", fraksi: "PDI Perjuangan", dapil: "Dapil 3 (Natar, Jati Agung)" },
  { id: "18.01-dprd-03", regencyCode: "18.01", name: "Drs. Bambang Irawan", fraksi: "Golkar", dapil: "Dapil 1 (Kalianda, Rajabasa, Sragi)" },
] as const;

export const DEMO_INTEGRATION_TOKEN = {
  id: "tok_demo_pupr",
  name: "Sistem internal Dinas PUPR (demo)",
  role: "integration" as Role,
  scopeCode: "18.01-pupr",
  token: "msk_demo_pupr_local_only_0000000000000000000000",
};
