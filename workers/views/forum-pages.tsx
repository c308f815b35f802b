/** Bappeda's forum screens: list and create, run the agenda, record attendees and follow-ups, and the minutes. */
import type { Principal } from "../../shared/access/roles.ts";
import { FORUM_DECISION_LABELS, type ForumDecision } from "../../shared/forum/decisions.ts";
import type { ForumView } from "../usecases/forums/forums.ts";
import { Layout } from "./layout.tsx";

const rupiah = (value: number) => `Rp ${value.toLocaleString("id-ID")}`;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "medium", timeStyle: "short" }) : "-");

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
            <a href={`/forum/${f.id}`}>{f.title}</a> · {when(f.heldAt)} · {f.place}
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

function DecisionForm(props: { forumId: string; item: ForumView["agenda"][number]; csrfToken: string }) {
  const id = (name: string) => `${name}-${props.item.id}`;
  return (
    <form method="post" action={`/forum/${props.forumId}/agenda/${props.item.id}`}>
      <Hidden csrfToken={props.csrfToken} />
      <label for={id("decision")}>Keputusan</label>
      <select id={id("decision")} name="decision">
        {(Object.keys(FORUM_DECISION_LABELS) as ForumDecision["decision"][]).map((d) => (
          <option value={d}>{FORUM_DECISION_LABELS[d]}</option>
        ))}
      </select>
      <label for={id("target")}>OPD utama (id OPD) atau usulan tujuan (id usulan)</label>
      <input id={id("target")} name="target" placeholder="18.01-pupr atau usl_..." />
      <label for={id("parts")}>Pembagian (satu per baris: id OPD; volume; biaya)</label>
      <textarea id={id("parts")} name="parts" placeholder={"18.01-pupr; 100; 75000000\n18.01-perkim; 40; 30000000"} />
      <label for={id("reason")}>Alasan</label>
      <textarea id={id("reason")} name="reason" />
      <button type="submit">Putuskan</button>
    </form>
  );
}

export function ForumPage(props: { principal: Principal; csrfToken: string; forum: ForumView; agencies: readonly { id: string; name: string }[]; error?: string | undefined }) {
  const f = props.forum;
  return (
    <Layout title={f.title} principal={props.principal} csrfToken={props.csrfToken}>
      <h1>{f.title}</h1>
      <p>
        {when(f.heldAt)} · {f.place} · <a href={`/forum/${f.id}/berita-acara`}>Berita acara</a>
      </p>
      {props.error ? <p class="notice" role="alert">{props.error}</p> : null}
      <h2>Agenda</h2>
      {f.agenda.length === 0 ? <p>Tidak ada klaster tumpang tindih yang terbuka dalam cakupan forum ini.</p> : null}
      {f.agenda.map((item) => (
        <section style="border:1px solid #d1d5db;border-radius:.4rem;padding:.7rem;margin:.8rem 0;background:#fff">
          <h3 style="margin:0">
            {item.position}. Pagu dipertaruhkan {rupiah(item.budgetAtStake)}
          </h3>
          <ul>
            {item.proposals.map((p) => (
              <li>
                <a href={`/lacak/${p.trackingCode}`}>{p.trackingCode}</a> {p.activity} · {rupiah(p.estimatedCost)} <small>({p.id})</small>
              </li>
            ))}
          </ul>
          {item.status === "open" ? (
            <DecisionForm forumId={f.id} item={item} csrfToken={props.csrfToken} />
          ) : (
            <p class="ok">{item.decision ? FORUM_DECISION_LABELS[item.decision as ForumDecision["decision"]] : "Dicoret"}</p>
          )}
        </section>
      ))}
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
              `ditandatangani ${when(a.signedAt)}`
            ) : (
              <form class="inline" method="post" action={`/forum/${f.id}/peserta/${a.id}/tanda-tangan`}>
                <Hidden csrfToken={props.csrfToken} />
                <button class="secondary" type="submit">
                  Tanda tangan
                </button>
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
            {t.description} · {props.agencies.find((x) => x.id === t.ownerAgencyId)?.name ?? t.ownerAgencyId} · tenggat {t.dueDate} · {t.status}
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

/** The minutes (berita acara): printable as it is (Ctrl+P / "Simpan sebagai PDF" in any browser). */
export function MinutesPage(props: { forum: ForumView; agencies: readonly { id: string; name: string }[]; regencyName: string }) {
  const f = props.forum;
  const agencyName = (id: string | null) => (id ? (props.agencies.find((a) => a.id === id)?.name ?? id) : "-");
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <title>{`Berita Acara ${f.title}`}</title>
        <style>{"body{font:14px/1.5 serif;max-width:48rem;margin:2rem auto;color:#000}table{width:100%;border-collapse:collapse}td,th{border:1px solid #000;padding:.3rem;vertical-align:top}h1,h2{text-align:center}@media print{a{color:#000;text-decoration:none}}"}</style>
      </head>
      <body>
        <h1>BERITA ACARA</h1>
        <h2>{f.title}</h2>
        <p>
          Pada {when(f.heldAt)} bertempat di {f.place}, {props.regencyName}, telah dilaksanakan {f.title} untuk tahun rencana {f.year} dengan hasil sebagai berikut.
        </p>
        <h3>A. Keputusan</h3>
        <table>
          <thead>
            <tr><th>No</th><th>Usulan</th><th>Pagu</th><th>Keputusan</th></tr>
          </thead>
          <tbody>
            {f.agenda.map((item) => (
              <tr>
                <td>{item.position}</td>
                <td>{item.proposals.map((p) => `${p.trackingCode} ${p.activity}`).join("; ")}</td>
                <td>{rupiah(item.budgetAtStake)}</td>
                <td>
                  {item.status === "decided" && item.decision ? FORUM_DECISION_LABELS[item.decision as ForumDecision["decision"]] : item.status === "dropped" ? "Dicoret dari agenda" : "Belum diputuskan"}
                  {item.decisionData && typeof item.decisionData.reason === "string" ? `: ${item.decisionData.reason}` : ""}
                  {item.decisionData && typeof item.decisionData.leadAgencyId === "string" ? ` (${agencyName(item.decisionData.leadAgencyId)})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>B. Rencana tindak lanjut</h3>
        <table>
          <thead>
            <tr><th>Tindak lanjut</th><th>OPD</th><th>Tenggat</th><th>Status</th></tr>
          </thead>
          <tbody>
            {f.followUps.map((t) => (
              <tr><td>{t.description}</td><td>{agencyName(t.ownerAgencyId)}</td><td>{t.dueDate}</td><td>{t.status}</td></tr>
            ))}
          </tbody>
        </table>
        <h3>C. Peserta</h3>
        <table>
          <thead>
            <tr><th>Nama</th><th>Jabatan</th><th>Instansi</th><th>Tanda tangan</th></tr>
          </thead>
          <tbody>
            {f.attendees.map((a) => (
              <tr><td>{a.name}</td><td>{a.position}</td><td>{agencyName(a.agencyId)}</td><td>{a.signedAt ? `Ditandatangani ${when(a.signedAt)}` : "Belum"}</td></tr>
            ))}
          </tbody>
        </table>
      </body>
    </html>
  );
}
