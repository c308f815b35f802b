import type { Role } from "../../shared/access/roles.ts";
import type { HomeLink } from "./home-page.tsx";

/** Where each role's work is; later screens add themselves here. */
export function homeLinks(role: Role): HomeLink[] {
  const links: Partial<Record<Role, HomeLink[]>> = {
    village_operator: [
      { href: "/usulan", label: "Usulan desa saya" },
      { href: "/usulan/baru", label: "Ajukan usulan baru" },
      { href: "/impor", label: "Impor daftar usulan (DU-RKPDesa, Excel/CSV)" },
    ],
    district_verifier: [
      { href: "/telaah", label: "Verifikasi usulan desa" },
      { href: "/musrenbang-kecamatan", label: "Musrenbang kecamatan: peringkat dan rekomendasi" },
      { href: "/usulan", label: "Semua usulan kecamatan" },
    ],
    agency_reviewer: [{ href: "/telaah", label: "Antrean telaah OPD" }],
    planning_admin: [
      { href: "/forum", label: "Forum lintas perangkat daerah" },
      { href: "/telaah", label: "Pemilahan usulan tanpa OPD" },
      { href: "/usulan/baru", label: "Ajukan usulan atas nama desa" },
      { href: "/impor", label: "Impor daftar usulan desa (Excel/CSV)" },
    ],
  };
  return [...(links[role] ?? []), { href: "/lacak", label: "Lacak usulan" }, { href: "/docs", label: "Dokumentasi API" }];
}
