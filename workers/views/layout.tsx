/** The page frame: readable on a 360 px phone, works without JavaScript, Indonesian first. */
import type { Child } from "hono/jsx";
import type { Principal } from "../../shared/access/roles.ts";
import { ROLES } from "../../shared/access/roles.ts";

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#f6f7f4}
header{background:#14532d;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
header a{color:#fff}main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0 1rem}label{display:block;font-weight:600;margin:.8rem 0 .2rem}
input,select,textarea,button{font:inherit;width:100%;padding:.55rem;border:1px solid #9ca3af;border-radius:.35rem;background:#fff}
textarea{min-height:5rem}button{background:#166534;color:#fff;border:0;margin-top:1rem;font-weight:600;cursor:pointer}
button.secondary{background:#e5e7eb;color:#111}.inline{display:inline;width:auto}.inline button{width:auto;margin:0;padding:.3rem .7rem}
.error{color:#b91c1c;font-size:.92rem;margin:.2rem 0 0}.notice{background:#fef3c7;border:1px solid #f59e0b;padding:.6rem;border-radius:.35rem}
.ok{background:#dcfce7;border:1px solid #22c55e;padding:.6rem;border-radius:.35rem}
table{width:100%;border-collapse:collapse;font-size:.95rem}td,th{border-bottom:1px solid #d1d5db;padding:.4rem;text-align:left;vertical-align:top}
.row{display:flex;gap:.6rem}.row>*{flex:1}small,.muted{color:#4b5563}
`;

export function Layout(props: { title: string; principal?: Principal | undefined; csrfToken?: string | undefined; children?: Child }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Musrenbang Sync`}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <header>
          <a href="/">
            <strong>Musrenbang Sync</strong>
          </a>
          {props.principal ? (
            <span>
              {props.principal.name} · {ROLES[props.principal.role].id}{" "}
              <form class="inline" method="post" action="/keluar">
                <input type="hidden" name="_csrf" value={props.csrfToken ?? ""} />
                <button class="secondary" type="submit">
                  Keluar
                </button>
              </form>
            </span>
          ) : (
            <a href="/masuk">Masuk</a>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
