import type { Principal } from "../../shared/access/roles.ts";
import { Layout } from "./layout.tsx";

/** A readable page for refusals and errors in the web UI (the API answers JSON instead). */
export function MessagePage(props: { title: string; message: string; principal?: Principal | undefined; csrfToken?: string | undefined }) {
  return (
    <Layout title={props.title} principal={props.principal} csrfToken={props.csrfToken}>
      <h1>{props.title}</h1>
      <p class="notice">{props.message}</p>
      <p>
        <a href="/">Kembali ke beranda</a>
      </p>
    </Layout>
  );
}
