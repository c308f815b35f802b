/** Bappeda's forum screens: list and create, run the agenda, record attendees and follow-ups, and the minutes. */
import type { Principal } from "../../shared/access/roles.ts";
import { FORUM_DECISION_LABELS, type ForumDecision } from "../../shared/forum/decisions.ts";
import { FOLLOW_UP_STATUS_LABELS, type MinutesDocument } from "../../shared/forum/minutes.ts";
import { formatCalendarDate, formatDateTime, regionZone } from "../../shared/time/indonesian.ts";
import type { AgendaContext, ForumView } from "../usecases/forums/forums.ts";
import { Layout } from "./layout.tsx";

/** The decision select's words: what the forum decides, not how the minutes record it. */
const FORUM_DECISION_CHOICES: Record<ForumDecision["decision"], string> = {
  lead_agency: "Satu OPD pelaksana utama (pilih di bawah)",
  merged: "Usulan digabungkan ke satu usulan (pilih di bawah)",
  split: "Tanggung jawab dibagi antar-OPD (isi bagian di bawah)",
  kept_separate: "Tetap terpisah: bukan tumpang tindih (tulis alasan)",
  rejected: "Ditolak (tulis alasan)",
};

import { rupiah } from "../../shared/format.ts";
/** A time as the kabupaten reads it: "18 Februari 2027 pukul 09.00 WIB". */
const when = (iso: string | null, regencyCode: string) => (iso ? formatDateTime(iso, regionZone(regencyCode)) : "-");

function Hidden(props: { csrfToken: string }) {
  return <input type="hidden" name="_csrf" value={props.csrfToken} />;
}

export function ForumListPage(props: { principal: Principal; csrfToken: string; forums: readonly { id: string; title: string; heldAt: string; place: string; status: string }[]; year: number; error?: string | undefined }) {
  return (
    <Layout title="Forum lintas perangkat daerah" principal={props.principal} csrfToken={props.csrfToken}>
      <h1>Forum lintas perangkat daerah</h1>
      {props.error ? <p class="notice" role="alert">{props.error}</p> : null}
      <ul>
        {props.forums.map((f) => (
          <li>
            <a href={`/forum/${f.id}`}>{f.title}</a> · {when(f.heldAt, props.principal.regencyCode)} · {f.place}
          </li>
        ))}
      </ul>
      <h2>Forum baru</h2>
      <form method="post" action="/forum">
        <Hidden csrfToken={props.csrfToken} />
        <input type="hidden" name="year" value={String(props.year)} />
        <label for="title">Judul</label>
        <input id="title" name="title" required value={`Forum Lintas Perangkat Daerah ${props.year}`} />
        <div class="row">
          <div>
            <label for="heldAt">Tanggal dan jam</label>
            <input id="heldAt" name="heldAt" type="datetime-local" required />
          </div>
          <div>
            <label for="place">Tempat</label>
            <input id="place" name="place" required value="Aula Bappeda" />
          </div>
        </div>
        <label for="scopeKind">Cakupan</label>
        <select id="scopeKind" name="scopeKind">
          <option value="kabupaten">Seluruh kabupaten</option>
          <option value="districts">Kecamatan tertentu</option>
          <option value="theme">Tema</option>
        </select>
        <label for="scopeDetail">Kode kecamatan (pisahkan koma) atau tema</label>
        <input id="scopeDetail" name="scopeDetail" placeholder="18.01.06 atau stunting" />
        <button type="submit">Buat forum dan susun agenda</button>
      </form>
    </Layout>
  );
}

/** A field's message under it: keys are "{item id}:{field}" (lead, into, parts, reason, decision). */
function ItemError(props: { errors: Record<string, string>; item: string; field: string }) {
  const message = props.errors[`${props.item}:${props.field}`];
  return message ? (
    <p class="error" id={`${props.field}-${props.item}-error`}>
      {message}
    </p>
  ) : null;
}

/**
 * The decision on one agenda item, chosen from the item itself: the lead agency among the agencies its proposals
 * are routed to, the proposal to keep among its proposals, each agency's part: by name, never a typed id.
 */
function DecisionForm(props: { forumId: string; item: ForumView["agenda"][number]; context: AgendaContext; csrfToken: string; errors: Record<string, string>; values: Record<string, string> }) {
  const item = props.item;
  const id = (name: string) => `${name}-${item.id}`;
  const value = (name: string) => props.values[`${item.id}:${name}`] ?? "";
  const invalid = (field: string) => (props.errors[`${item.id}:${field}`] ? { "aria-invalid": "true", "aria-describedby": `${field}-${item.id}-error` } : {});
  return (
    <form method="post" action={`/forum/${props.forumId}/agenda/${item.id}`}>
      <Hidden csrfToken={props.csrfToken} />
      <label for={id("decision")}>Keputusan</label>
      <select id={id("decision")} name="decision" {...invalid("decision")}>
        {(Object.keys(FORUM_DECISION_LABELS) as ForumDecision["decision"][]).map((d) => (
          <option value={d} selected={value("decision") === d}>
            {FORUM_DECISION_CHOICES[d]}
          </option>
        ))}
      </select>
      <ItemError errors={props.errors} item={item.id} field="decision" />
      <fieldset {...invalid("lead")}>
        <legend>OPD pelaksana utama (untuk keputusan "OPD pelaksana utama")</legend>
        {props.context.agencies.length === 0 ? <p class="muted">Usulan butir ini belum diteruskan ke OPD mana pun.</p> : null}
        {props.context.agencies.map((a) => (
          <label class="choice">
            <input type="radio" name="leadAgencyId" value={a.id} checked={value("leadAgencyId") === a.id} /> {a.name}
          </label>
        ))}
        <ItemError errors={props.errors} item={item.id} field="lead" />
      </fieldset>
      <fieldset {...invalid("into")}>
        <legend>Usulan yang dipertahankan (untuk keputusan "digabungkan")</legend>
        {item.proposals.map((p) => (
          <label class="choice">
            <input type="radio" name="intoProposalId" value={p.id} checked={value("intoProposalId") === p.id} /> {p.activity} ({p.trackingCode})
          </label>
        ))}
        <ItemError errors={props.errors} item={item.id} field="into" />
      </fieldset>
      <fieldset {...invalid("parts")}>
        <legend>Pembagian per OPD (untuk keputusan "dibagi"): volume dan biaya bagian tiap OPD</legend>
        {props.context.agencies.map((a) => (
          <div class="row">
            <div>
              <label for={id(`volume-${a.id}`)}>{a.name}: volume</label>
              <input id={id(`volume-${a.id}`)} name={`volume:${a.id}`} inputmode="decimal" value={value(`volume:${a.id}`)} />
            </div>
            <div>
              <label for={id(`cost-${a.id}`)}>biaya (Rp)</label>
              <input id={id(`cost-${a.id}`)} name={`cost:${a.id}`} inputmode="numeric" value={value(`cost:${a.id}`)} />
            </div>
          </div>
        ))}
        <ItemError errors={props.errors} item={item.id} field="parts" />
      </fieldset>
      <label for={id("reason")}>Alasan</label>
      <textarea id={id("reason")} name="reason" {...invalid("reason")}>
        {value("reason")}
      </textarea>
      <ItemError errors={props.errors} item={item.id} field="reason" />
      <button type="submit">Putuskan</button>
    </form>
  );
}

/** What was decided, naming the agency, the proposal kept or each agency's part. */
function decisionText(item: ForumView["agenda"][number], agencyName: (id: string) => string): string {
  const data = (item.decisionData ?? {}) as { leadAgencyId?: string; intoProposalId?: string; parts?: { agencyId: string; volume: number; estimatedCost: number }[]; reason?: string };
  const because = data.reason ? ` Alasan: ${data.reason}` : "";
  switch (item.decision) {
    case "lead_agency":
      return `OPD pelaksana utama: ${agencyName(data.leadAgencyId ?? "")}.${because}`;
    case "merged":
      return `Digabungkan ke: ${item.proposals.find((p) => p.id === data.intoProposalId)?.activity ?? ""}.${because}`;
    case "split":
      return `Tanggung jawab dibagi: ${(data.parts ?? []).map((p) => `${agencyName(p.agencyId)} (volume ${p.volume}, ${rupiah(p.estimatedCost)})`).join("; ")}.${because}`;
    case null:
      return "Dicoret dari agenda.";
    default:
      return `${FORUM_DECISION_LABELS[item.decision as ForumDecision["decision"]] ?? item.decision}.${because}`;
  }
}

export function ForumPage(props: {
  principal: Principal;
  csrfToken: string;
  forum: ForumView;
  agencies: readonly { id: string; name: string }[];
  items: Record<string, AgendaContext>;
  clusters: readonly { pagu: number; proposals: readonly { id: string; activity: string }[] }[];
  error?: string | undefined;
  message?: string | undefined;
  errors?: Record<string, string> | undefined;
  values?: Record<string, string> | undefined;
}) {
  const f = props.forum;
  const final = !!f.minutesFinalisedAt;
  const agencyName = (id: string) => props.agencies.find((a) => a.id === id)?.name ?? id;
  return (
    <Layout title={f.title} principal={props.principal} csrfToken={props.csrfToken} wide>
      <h1>{f.title}</h1>
      <p>
        {when(f.heldAt, f.regencyCode)} · {f.place} · <a href={`/forum/${f.id}/berita-acara`}>Berita acara</a> · <a href={`/forum/${f.id}/berita-acara.pdf`}>PDF</a>
      </p>
      {props.error ? <p class="notice" role="alert">{props.error}</p> : null}
      {props.message ? <p class="ok" role="status">{props.message}</p> : null}
      {final ? (
        <p class="ok">Berita acara final, nomor {f.minutesNumber} ({when(f.minutesFinalisedAt, f.regencyCode)}). Peserta menandatangani sendiri.</p>
      ) : (
        <form class="inline" method="post" action={`/forum/${f.id}/final`}>
          <Hidden csrfToken={props.csrfToken} />
          <button type="submit">Finalkan berita acara dan beri nomor</button> <small>setelah forum berlangsung dan semua butir diputuskan</small>
        </form>
      )}
      <h2>Agenda</h2>
      {f.agenda.length === 0 ? <p>Tidak ada klaster tumpang tindih yang terbuka dalam cakupan forum ini.</p> : null}
      {f.agenda.map((item) => {
        const context = props.items[item.id] ?? { agencies: [], proposalAgencies: {}, reasons: [] };
        return (
          <section class="card" id={`butir-${item.id}`}>
            <h3 style="margin:0">
              {item.position}. Pagu dipertaruhkan {rupiah(item.budgetAtStake)}
            </h3>
            <table>
              <thead>
                <tr>
                  <th>Usulan</th>
                  <th>OPD</th>
                  <th class="num">Biaya</th>
                </tr>
              </thead>
              <tbody>
                {item.proposals.map((p) => (
                  <tr>
                    <td>
                      <a href={`/usulan/${p.id}`}>{p.activity}</a> <small>{p.trackingCode}</small>
                    </td>
                    <td>{(context.proposalAgencies[p.id] ?? []).join(", ") || "belum ada OPD"}</td>
                    <td class="num">{rupiah(p.estimatedCost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {context.reasons.length > 0 ? (
              <>
                <p>
                  <strong>Mengapa dianggap tumpang tindih</strong>
                </p>
                <ul class="reasons">
                  {context.reasons.map((r) => (
                    <li>
                      {r.between.join(" ↔ ")}: {r.reasons.join("; ")}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {item.status === "open" && !final ? (
              <>
                <DecisionForm forumId={f.id} item={item} context={context} csrfToken={props.csrfToken} errors={props.errors ?? {}} values={props.values ?? {}} />
                <form class="inline" method="post" action={`/forum/${f.id}/agenda/${item.id}/coret`}>
                  <Hidden csrfToken={props.csrfToken} />
                  <button class="secondary" type="submit">
                    Coret butir ini dari agenda
                  </button>
                </form>
              </>
            ) : (
              <p class="ok">{item.status === "open" ? "Belum diputuskan." : decisionText(item, agencyName)}</p>
            )}
          </section>
        );
      })}
      {!final && props.clusters.length > 0 ? (
        <form method="post" action={`/forum/${f.id}/agenda`} class="card">
          <Hidden csrfToken={props.csrfToken} />
          <label for="add-cluster">Tambah butir agenda: klaster tumpang tindih yang belum ada di agenda</label>
          <select id="add-cluster" name="proposalIds">
            {props.clusters.map((c) => (
              <option value={c.proposals.map((p) => p.id).join(",")}>
                {c.proposals.map((p) => p.activity).join(" / ")} ({rupiah(c.pagu)})
              </option>
            ))}
          </select>
          <button type="submit">Tambahkan ke agenda</button>
        </form>
      ) : null}
      {f.envelopes.length > 0 ? (
        <>
          <h2>Sisa pagu indikatif</h2>
          <table>
            <tbody>
              {f.envelopes.map((e) => (
                <tr>
                  <td>{e.kind === "agency" ? (props.agencies.find((a) => a.id === e.target)?.name ?? e.target) : `Kecamatan ${e.target}`}</td>
                  <td>{rupiah(e.amount)}</td>
                  <td>sisa {rupiah(e.remaining)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>Peserta</h2>
      <ul>
        {f.attendees.map((a) => (
          <li>
            {a.name}, {a.position}
            {a.agencyId ? ` (${props.agencies.find((x) => x.id === a.agencyId)?.name ?? a.agencyId})` : ""} ·{" "}
            {a.signedAt ? (
              `ditandatangani ${when(a.signedAt, f.regencyCode)} (${a.signedVia === "link" ? "tautan" : "akun sendiri"})`
            ) : !final ? (
              "belum menandatangani"
            ) : a.accountId === props.principal.id ? (
              <form class="inline" method="post" action={`/forum/${f.id}/peserta/${a.id}/tanda-tangan`}>
                <Hidden csrfToken={props.csrfToken} />
                <button class="secondary" type="submit">
                  Tanda tangan (saya sendiri)
                </button>
              </form>
            ) : (
              <form class="inline" method="post" action={`/forum/${f.id}/peserta/${a.id}/tautan`}>
                <Hidden csrfToken={props.csrfToken} />
                <button class="secondary" type="submit">
                  Buat tautan tanda tangan untuk peserta
                </button>
                {a.signLinkExpiresAt ? ` (tautan berlaku s.d. ${when(a.signLinkExpiresAt, f.regencyCode)})` : ""}
              </form>
            )}
          </li>
        ))}
      </ul>
      <form method="post" action={`/forum/${f.id}/peserta`}>
        <Hidden csrfToken={props.csrfToken} />
        <div class="row">
          <div>
            <label for="name">Nama</label>
            <input id="name" name="name" required />
          </div>
          <div>
            <label for="position">Jabatan</label>
            <input id="position" name="position" required />
          </div>
        </div>
        <label for="username">Nama pengguna peserta (agar dapat menandatangani sendiri; opsional)</label>
        <input id="username" name="username" />
        <label for="agencyId">OPD</label>
        <select id="agencyId" name="agencyId">
          <option value="">(bukan OPD)</option>
          {props.agencies.map((a) => (
            <option value={a.id}>{a.name}</option>
          ))}
        </select>
        <button type="submit">Tambah peserta</button>
      </form>
      <h2>Rencana tindak lanjut</h2>
      <ul>
        {f.followUps.map((t) => (
          <li>
            {t.description} · {props.agencies.find((x) => x.id === t.ownerAgencyId)?.name ?? t.ownerAgencyId} · tenggat {formatCalendarDate(t.dueDate)} · {FOLLOW_UP_STATUS_LABELS[t.status] ?? t.status}
          </li>
        ))}
      </ul>
      <form method="post" action={`/forum/${f.id}/tindak-lanjut`}>
        <Hidden csrfToken={props.csrfToken} />
        <label for="description">Tindak lanjut</label>
        <input id="description" name="description" required />
        <div class="row">
          <div>
            <label for="ownerAgencyId">OPD penanggung jawab</label>
            <select id="ownerAgencyId" name="ownerAgencyId">
              {props.agencies.map((a) => (
                <option value={a.id}>{a.name}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="dueDate">Tenggat</label>
            <input id="dueDate" name="dueDate" type="date" required />
          </div>
        </div>
        <button type="submit">Tambah tindak lanjut</button>
      </form>
    </Layout>
  );
}

/** The minutes (berita acara) as a printable page: the same text as its PDF (`berita-acara.pdf`). */
export function MinutesPage(props: { forumId: string; document: MinutesDocument; letterhead: { lines: readonly string[]; logo: { contentType: string; base64: string } | null }; signAs?: { attendeeId: string; csrfToken: string } | undefined }) {
  const d = props.document;
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <title>{`Berita Acara ${d.title}`}</title>
        <style>{
          "body{font:14px/1.5 serif;max-width:48rem;margin:2rem auto;color:#000}table{width:100%;border-collapse:collapse;margin:.4rem 0 1rem}td,th{border:1px solid #000;padding:.3rem;vertical-align:top}" +
          ".kop{display:flex;align-items:center;gap:1rem;border-bottom:3px double #000;padding-bottom:.5rem}.kop img{width:70px;height:70px;object-fit:contain}.kop div{flex:1;text-align:center}.kop p{margin:0}.kop p:first-child,.kop p:nth-child(2){font-weight:bold;font-size:1.15rem}" +
          "h1,h2,.nomor{text-align:center;margin:.2rem 0}.ttd td:last-child{height:3.2rem;width:12rem}.ttd small{color:#555}.tempat{text-align:right}.konsep{text-align:center;font-weight:bold}@media print{a{color:#000;text-decoration:none}.noprint{display:none}}"
        }</style>
      </head>
      <body>
        <header class="kop">
          {props.letterhead.logo ? <img src={`data:${props.letterhead.logo.contentType};base64,${props.letterhead.logo.base64}`} alt="Logo" /> : null}
          <div>
            {props.letterhead.lines.map((line) => (
              <p>{line}</p>
            ))}
          </div>
        </header>
        <h1>BERITA ACARA</h1>
        <h2>{d.title}</h2>
        <p class="nomor">{d.numberLine}</p>
        {d.draft ? <p class="konsep">KONSEP: belum difinalkan, belum dapat ditandatangani</p> : null}
        <p class="noprint">
          <a href={`/forum/${props.forumId}/berita-acara.pdf`}>Unduh PDF</a>
        </p>
        {props.signAs ? (
          <form class="noprint" method="post" action={`/forum/${props.forumId}/peserta/${props.signAs.attendeeId}/tanda-tangan`}>
            <input type="hidden" name="_csrf" value={props.signAs.csrfToken} />
            <button type="submit">Saya menyetujui dan menandatangani berita acara ini</button>
          </form>
        ) : null}
        <p>{d.opening}</p>
        <h3>A. Keputusan atas butir agenda</h3>
        <table>
          <thead>
            <tr><th>No</th><th>Usulan</th><th>Pagu (Rp)</th><th>Keputusan</th></tr>
          </thead>
          <tbody>
            {d.decisions.map((r) => (
              <tr><td>{r.no}</td><td>{r.proposals}</td><td style="text-align:right">{r.pagu}</td><td>{r.decision}</td></tr>
            ))}
          </tbody>
        </table>
        <h3>B. Rencana tindak lanjut</h3>
        <table>
          <thead>
            <tr><th>Tindak lanjut</th><th>Perangkat Daerah</th><th>Tenggat</th><th>Status</th></tr>
          </thead>
          <tbody>
            {d.followUps.map((t) => (
              <tr><td>{t.description}</td><td>{t.agency}</td><td>{t.due}</td><td>{t.status}</td></tr>
            ))}
          </tbody>
        </table>
        <p>{d.closing}</p>
        <p class="tempat">{d.signedAtLine}</p>
        <h3>C. Peserta dan tanda tangan</h3>
        <table class="ttd">
          <thead>
            <tr><th>No</th><th>Nama</th><th>Jabatan / Instansi</th><th>Tanda Tangan</th></tr>
          </thead>
          <tbody>
            {d.attendees.map((a) => (
              <tr><td>{a.no}</td><td>{a.name}</td><td>{a.role}</td><td>{a.no}.<br /><br />{a.signedNote ? <small>{a.signedNote}</small> : null}</td></tr>
            ))}
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** The page a one-time signing link opens: whose signature, on which minutes, and the one button. */
export function SigningLinkPage(props: { token: string; csrfToken: string; view?: { attendee: { name: string; position: string }; forum: { id: string; title: string; heldAt: string; place: string; minutesNumber: string | null; regencyCode: string } }; done?: string; error?: string }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Tanda tangan berita acara</title>
        <style>{"body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}button{font-size:1rem;padding:.6rem 1rem}.notice{color:#991b1b}.ok{color:#166534}"}</style>
      </head>
      <body>
        <h1>Tanda tangan berita acara</h1>
        {props.error ? <p class="notice" role="alert">{props.error}</p> : null}
        {props.done ? <p class="ok" role="status">{props.done}</p> : null}
        {props.view ? (
          <>
            <p>
              {props.view.forum.title}, {when(props.view.forum.heldAt, props.view.forum.regencyCode)}, {props.view.forum.place}. Nomor {props.view.forum.minutesNumber}.
            </p>
            <p>
              Atas nama <strong>{props.view.attendee.name}</strong> ({props.view.attendee.position}). Tautan ini hanya untuk Anda dan hanya dapat dipakai sekali. <a href={`/tanda-tangan/${props.token}/berita-acara.pdf`}>Baca berita acara (PDF)</a>
            </p>
            <form method="post" action={`/tanda-tangan/${props.token}`}>
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button type="submit">Saya menyetujui dan menandatangani</button>
            </form>
          </>
        ) : null}
      </body>
    </html>
  );
}
