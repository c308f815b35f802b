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
      { href: "/konsol", label: "Konsol Bappeda: ringkasan bergambar" },
      { href: "/konsol/kemiripan", label: "Tumpang tindih usulan" },
      { href: "/forum", label: "Forum lintas perangkat daerah" },
      { href: "/konsol/pagu", label: "Pagu indikatif OPD dan kecamatan" },
      { href: "/konsol/kecocokan-anggaran", label: "Kecocokan anggaran: yang tidak muat pagu" },
      { href: "/konsol/skenario", label: "Skenario anggaran: bagaimana bila pagu dipotong" },
      { href: "/konsol/jadwal", label: "Jadwal tahapan: kapan tiap tahap dibuka dan ditutup" },
      { href: "/telaah", label: "Pemilahan usulan tanpa OPD" },
      { href: "/usulan/baru", label: "Ajukan usulan atas nama desa" },
      { href: "/impor", label: "Impor daftar usulan desa (Excel/CSV)" },
      { href: "/usulan", label: "Semua usulan kabupaten" },
      { href: "/konsol/akun", label: "Akun dan token API" },
      { href: "/konsol/webhook", label: "Webhook OPD" },
      { href: "/konsol/operasi", label: "Operasi: pesan gagal, siklus gagal, eskalasi" },
      { href: "/konsol/ekspor", label: "Ekspor Renja" },
      { href: "/konsol/tindak-lanjut", label: "Rencana tindak lanjut forum" },
      { href: "/pokir", label: "Pokir DPRD: laporan per anggota" },
      { href: "/tematik", label: "Musrenbang tematik: ringkasan per tema" },
    ],
    dprd_member: [
      { href: "/pokir/baru", label: "Ajukan pokir" },
      { href: "/pokir", label: "Laporan pokir saya" },
    ],
    dprd_secretariat: [
      { href: "/pokir/baru", label: "Entri pokir anggota DPRD" },
      { href: "/pokir", label: "Laporan pokir per anggota" },
    ],
    thematic_group: [
      { href: "/tematik/baru", label: "Ajukan usulan tematik" },
      { href: "/tematik", label: "Ringkasan Musrenbang tematik" },
      { href: "/usulan", label: "Usulan kelompok kami" },
    ],
  };
  return [...(links[role] ?? []), { href: "/lacak", label: "Lacak usulan" }, { href: "/publik", label: "Usulan untuk publik" }, { href: "/docs", label: "Dokumentasi API" }];
}
