import type { Role } from "../../shared/access/roles.ts";
import type { HomeLink } from "./home-page.tsx";

/** Where each role's work is; later screens add themselves here. */
export function homeLinks(role: Role): HomeLink[] {
  const links: Partial<Record<Role, HomeLink[]>> = {};
  return [...(links[role] ?? []), { href: "/docs", label: "Dokumentasi API" }];
}
