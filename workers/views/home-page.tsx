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
