import type { Principal } from "../../shared/access/roles.ts";
import { ROLES } from "../../shared/access/roles.ts";
import { Layout } from "./layout.tsx";

export interface HomeLink {
  href: string;
  label: string;
}

export function HomePage(props: { principal: Principal; csrfToken?: string | undefined; scopeName: string; links: readonly HomeLink[] }) {
  return (
    <Layout title="Beranda" principal={props.principal} csrfToken={props.csrfToken}>
      <h1>Selamat datang, {props.principal.name}</h1>
      <p>
        {ROLES[props.principal.role].id} · {props.scopeName}
      </p>
      <ul>
        {props.links.map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The home page for visitors who are not signed in: the public account first, then tracking and signing in. */
export function AnonymousHomePage() {
  return (
    <Layout title="Beranda">
      <h1>Musrenbang Sync</h1>
      <p>Usulan pembangunan desa dan kelurahan dari Musrenbang desa sampai Renja perangkat daerah.</p>
      <ul>
        <li>
          <a href="/publik">Lihat usulan per desa dan kecamatan, beserta hasil dan alasannya (tanpa masuk)</a>
        </li>
        <li>
          <a href="/lacak">Lacak usulan dengan kode lacak</a>
        </li>
        <li>
          <a href="/masuk">Masuk untuk petugas desa, kecamatan, OPD dan Bappeda</a>
        </li>
      </ul>
    </Layout>
  );
}
