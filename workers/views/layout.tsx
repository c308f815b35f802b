/** The page frame: readable on a 360 px phone, works without JavaScript, Indonesian first. */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Principal } from "../../shared/access/roles.ts";
import { ROLES } from "../../shared/access/roles.ts";
import type { Language } from "../../shared/i18n.ts";

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
.row{display:flex;gap:.6rem}.row>*{flex:1;min-width:0}small,.muted{color:#4b5563}
main.wide{max-width:80rem}.row-create{background:#f0fdf4}.row-error{background:#fef2f2}.row-ambiguous{background:#fffbeb}.row-skip{color:#4b5563}progress{width:100%;height:1.2rem}.import-rows td{overflow-wrap:anywhere}.card{border:1px solid #d1d5db;border-radius:.4rem;padding:.7rem;margin:.8rem 0;background:#fff}
.card h2{font-size:1.05rem;margin:0 0 .4rem}h2{font-size:1.15rem;margin:1.2rem 0 .5rem}
dl.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.25rem .8rem;margin:0}dl.facts dt{font-weight:600;color:#374151}dl.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}
ol.story{list-style:none;padding:0;margin:0;border-left:3px solid #86efac}ol.story>li{position:relative;margin:0 0 .9rem;padding-left:.9rem}
ol.story>li::before{content:"";position:absolute;left:-.45rem;top:.45rem;width:.6rem;height:.6rem;border-radius:50%;background:#166534}
.step-title{font-weight:600}.quote{background:#f3f4f6;border-left:3px solid #9ca3af;padding:.3rem .6rem;margin:.3rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.photos{display:flex;flex-wrap:wrap;gap:.5rem}.photos img{width:9rem;height:9rem;object-fit:cover;border:1px solid #d1d5db;border-radius:.3rem;background:#fff}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end}.filters>div{flex:1 1 12rem}.filters button{width:auto;margin:0}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:.8rem 0}.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#e5e7eb;font-size:.85rem}
.tag.warn{background:#fef3c7}.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.actions button,.actions .button{width:auto;margin:0}
a.button{display:inline-block;padding:.55rem .9rem;border-radius:.35rem;background:#166534;color:#fff;font-weight:600;text-decoration:none}
a.button.secondary{background:#e5e7eb;color:#111}input.rank{width:4.5rem;padding:.3rem}td.num,th.num{text-align:right;white-space:nowrap}
fieldset{border:1px solid #d1d5db;border-radius:.35rem;margin:.8rem 0;padding:.2rem .7rem .7rem}legend{font-weight:600;padding:0 .3rem}
fieldset label.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.4rem 0}fieldset label.choice input{width:auto}
div.notice,div.ok{margin:0 0 1rem}[aria-invalid="true"]{border-color:#b91c1c;box-shadow:0 0 0 1px #b91c1c}
ul.changes{margin:.3rem 0;padding-left:1.2rem}ul.changes del,ul.changes strong{white-space:nowrap}
.arrows{display:inline-flex;gap:.3rem;min-width:5.4rem}td.order{white-space:nowrap}td.order .actions{flex-wrap:nowrap}
.carry-over .actions{margin-top:.5rem}.carry-over .actions form{display:flex;margin:0}.carry-over .actions button{padding:.55rem .9rem;line-height:1.5}
figure.chart{margin:.4rem 0 1rem;background:#fff;border:1px solid #d1d5db;border-radius:.4rem;padding:.6rem}figure.chart svg{display:block;height:auto;max-width:100%}figcaption{font-size:.88rem;color:#4b5563;margin-top:.3rem}
nav.console{display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin:0 0 1rem;padding:.5rem .7rem;background:#fff;border:1px solid #d1d5db;border-radius:.4rem}nav.console a[aria-current]{font-weight:700;color:#111;text-decoration:none}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(30rem,1fr));gap:0 1.2rem}.reasons{margin:.2rem 0 .4rem;padding-left:1.2rem}p.short,td.short{color:#b91c1c;font-weight:600}textarea.short{min-height:2.8rem}form.amount{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}form.amount input{width:12rem}form.amount button{width:auto;margin:0;padding:.45rem .8rem}form.amount .error{flex-basis:100%}details>summary{cursor:pointer;color:#14532d;font-weight:600;margin:.3rem 0}
.card h3{font-size:1.02rem;margin:0 0 .2rem;overflow-wrap:anywhere}ul.places{padding-left:1.1rem}ul.places li{margin:.3rem 0}
.stage-chart{max-width:30rem}.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}details>summary{cursor:pointer;padding:.2rem 0}.tags .tag{margin:0 .3rem .3rem 0}
table.recommendations tr.with-note td{border-bottom:0;padding-bottom:0}table.recommendations tr.note td{font-size:.88rem;color:#374151;overflow-wrap:anywhere;padding-top:.1rem}
`;

const CHROME = {
  signOut: { id: "Keluar", en: "Sign out" },
  signIn: { id: "Masuk", en: "Sign in" },
} as const;

/**
 * `scripts` are same-origin scripts that only improve a page that works without them (the page's CSP allows
 * 'self' and nothing else). `wide` gives office screens (the kecamatan's tables) the room they have.
 */
export function Layout(props: { title: string; principal?: Principal | undefined; csrfToken?: string | undefined; lang?: Language | undefined; wide?: boolean; scripts?: readonly string[]; refreshSeconds?: number; children?: Child }) {
  const lang = props.lang ?? "id";
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Musrenbang Sync`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {/* A background job's page reloads itself to show its progress, without JavaScript. */}
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
        {/* Raw: JSX would escape the child combinator ">" of the CSS into "&gt;", which no browser reads as CSS. */}
        <style>{raw(STYLE)}</style>
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <header>
          <a href="/">
            <strong>Musrenbang Sync</strong>
          </a>
          {props.principal ? (
            <span>
              {props.principal.name} · {ROLES[props.principal.role][lang]}{" "}
              <form class="inline" method="post" action="/keluar">
                <input type="hidden" name="_csrf" value={props.csrfToken ?? ""} />
                <button class="secondary" type="submit">
                  {CHROME.signOut[lang]}
                </button>
              </form>
            </span>
          ) : (
            <a href="/masuk">{CHROME.signIn[lang]}</a>
          )}
        </header>
        <main class={props.wide ? "wide" : undefined}>{props.children}</main>
      </body>
    </html>
  );
}
