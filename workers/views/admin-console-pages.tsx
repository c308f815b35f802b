/**
 * Bappeda's console pages for what was API-only: accounts and tokens, webhooks, operations, exports and follow-ups.
 * Plain forms (no JavaScript), a refused field's message under the field, Indonesian or English. A token or a
 * secret is shown once, on the answer to the form that made it, and never again.
 */
import type { Principal, Role } from "../../shared/access/roles.ts";
import { ROLES } from "../../shared/access/roles.ts";
import { date, dateTime } from "../../shared/format.ts";
import type { Language, Text } from "../../shared/i18n.ts";
import { STATUSES, type Status } from "../../shared/proposals/lifecycle.ts";
import { WEBHOOK_EVENT_TYPES } from "../../shared/webhooks/events.ts";
import { ConsoleNav } from "./console-pages.tsx";
import { fill, FieldError, Input } from "./fields.tsx";
import { Layout } from "./layout.tsx";

const T = {
  accountsTitle: { id: "Akun dan token API", en: "Accounts and API tokens" },
  accounts: { id: "Akun", en: "Accounts" },
  newAccount: { id: "Buat akun", en: "Create an account" },
  username: { id: "Nama pengguna", en: "Username" },
  displayName: { id: "Nama lengkap", en: "Full name" },
  password: { id: "Kata sandi awal (minimal 10 karakter)", en: "First password (at least 10 characters)" },
  role: { id: "Peran", en: "Role" },
  scope: { id: "Cakupan", en: "Scope" },
  chooseRole: { id: "Pilih peran", en: "Choose a role" },
  chooseScope: { id: "Pilih cakupan", en: "Choose a scope" },
  regency: { id: "Kabupaten/kota", en: "Regency" },
  agencies: { id: "Perangkat daerah (OPD)", en: "Agencies" },
  districts: { id: "Kecamatan", en: "Districts" },
  villagesOf: { id: "Desa/kelurahan di Kec. {name}", en: "Villages in {name}" },
  status: { id: "Status", en: "Status" },
  active: { id: "Aktif", en: "Active" },
  disabled: { id: "Nonaktif", en: "Disabled" },
  disable: { id: "Nonaktifkan", en: "Disable" },
  create: { id: "Buat", en: "Create" },
  tokens: { id: "Token API", en: "API tokens" },
  newToken: { id: "Buat token API", en: "Create an API token" },
  tokenName: { id: "Nama token (mis. Sistem e-Planning PUPR)", en: "Token name (e.g. PUPR's planning system)" },
  expiresInDays: { id: "Berlaku (hari, 1-730)", en: "Valid for (days, 1-730)" },
  expires: { id: "Berlaku sampai", en: "Expires" },
  lastUsed: { id: "Terakhir dipakai", en: "Last used" },
  never: { id: "belum pernah", en: "never" },
  revoked: { id: "Dicabut", en: "Revoked" },
  revoke: { id: "Cabut", en: "Revoke" },
  tokenOnce: {
    id: "Token baru untuk {name}. Salin sekarang: token ini hanya ditampilkan sekali dan tidak dapat dilihat lagi.",
    en: "New token for {name}. Copy it now: it is shown only once and cannot be seen again.",
  },
  webhooksTitle: { id: "Webhook OPD", en: "Agency webhooks" },
  agency: { id: "OPD", en: "Agency" },
  show: { id: "Tampilkan", en: "Show" },
  endpoints: { id: "Alamat webhook", en: "Webhook endpoints" },
  noEndpoints: { id: "Belum ada alamat webhook untuk OPD ini.", en: "No webhook endpoint for this agency yet." },
  url: { id: "Alamat (https://…)", en: "URL (https://…)" },
  events: { id: "Peristiwa yang dikirim", en: "Events sent" },
  addEndpoint: { id: "Tambah alamat", en: "Add endpoint" },
  rotate: { id: "Ganti rahasia penandatangan", en: "Rotate the signing secret" },
  overlapHours: { id: "Rahasia lama masih berlaku (jam, 0-720)", en: "Previous secrets stay valid (hours, 0-720)" },
  rotateButton: { id: "Buat rahasia baru", en: "Make a new secret" },
  secretOnce: {
    id: "Rahasia baru untuk {name}. Salin sekarang ke sistem OPD: rahasia ini hanya ditampilkan sekali.",
    en: "New secret for {name}. Copy it into the agency's system now: it is shown only once.",
  },
  previousUntil: { id: "Rahasia sebelumnya masih diterima sampai {when}.", en: "The previous secrets are accepted until {when}." },
  deliveries: { id: "Log pengiriman", en: "Delivery log" },
  noDeliveries: { id: "Belum ada pengiriman.", en: "No deliveries yet." },
  event: { id: "Peristiwa", en: "Event" },
  attempts: { id: "Percobaan", en: "Attempts" },
  lastAnswer: { id: "Jawaban terakhir", en: "Last answer" },
  when: { id: "Waktu", en: "When" },
  redeliver: { id: "Kirim ulang", en: "Redeliver" },
  operationsTitle: { id: "Operasi: pesan gagal, siklus gagal, eskalasi", en: "Operations: dead letters, failed lifecycles, escalations" },
  deadLetters: { id: "Pesan yang gagal terkirim (dead letter)", en: "Dead letters" },
  noDeadLetters: { id: "Tidak ada pesan yang gagal.", en: "No dead letters." },
  showReplayed: { id: "Tampilkan juga yang sudah dikirim ulang", en: "Also show replayed ones" },
  hideReplayed: { id: "Sembunyikan yang sudah dikirim ulang", en: "Hide replayed ones" },
  queue: { id: "Antrean", en: "Queue" },
  about: { id: "Tentang", en: "About" },
  replayed: { id: "Dikirim ulang {when}", en: "Replayed {when}" },
  replay: { id: "Kirim ulang", en: "Replay" },
  failedLifecycles: { id: "Siklus usulan yang gagal", en: "Failed proposal lifecycles" },
  noFailed: { id: "Tidak ada siklus yang gagal.", en: "No failed lifecycles." },
  error: { id: "Kesalahan", en: "Error" },
  retry: { id: "Jalankan ulang", en: "Retry" },
  escalations: { id: "Tugas telaah yang dieskalasi", en: "Escalated review tasks" },
  noEscalations: { id: "Tidak ada tugas yang dieskalasi.", en: "No escalated tasks." },
  due: { id: "Tenggat", en: "Due" },
  escalatedAt: { id: "Dieskalasi", en: "Escalated" },
  proposal: { id: "Usulan", en: "Proposal" },
  exportsTitle: { id: "Ekspor Renja", en: "Renja export" },
  newExport: { id: "Buat ekspor", en: "Make an export" },
  year: { id: "Tahun", en: "Year" },
  view: { id: "Tampilan", en: "View" },
  format: { id: "Format", en: "Format" },
  all: { id: "Semua", en: "All" },
  stage: { id: "Tahap yang menyepakati", en: "Agreed at" },
  start: { id: "Mulai ekspor", en: "Start the export" },
  snapshots: { id: "Ekspor sebelumnya", en: "Earlier exports" },
  noSnapshots: { id: "Belum ada ekspor.", en: "No export yet." },
  filters: { id: "Saringan", en: "Filters" },
  rows: { id: "Baris", en: "Rows" },
  download: { id: "Unduh", en: "Download" },
  running: { id: "sedang dibuat", en: "being made" },
  failed: { id: "gagal", en: "failed" },
  followUpsTitle: { id: "Rencana tindak lanjut forum", en: "Forum follow-ups" },
  noFollowUps: { id: "Belum ada rencana tindak lanjut.", en: "No follow-up yet." },
  overdue: { id: "Terlambat", en: "Overdue" },
  owner: { id: "OPD penanggung jawab", en: "Owner agency" },
  notes: { id: "Catatan kemajuan", en: "Progress notes" },
  newStatus: { id: "Status baru", en: "New status" },
  note: { id: "Catatan kemajuan baru", en: "New progress note" },
  save: { id: "Simpan", en: "Save" },
  forum: { id: "Forum", en: "Forum" },
} satisfies Record<string, Text>;

export const CONSOLE_OK: Record<string, Text> = {
  akun: { id: "Akun dibuat.", en: "Account created." },
  nonaktif: { id: "Akun dinonaktifkan.", en: "Account disabled." },
  dicabut: { id: "Token dicabut.", en: "Token revoked." },
  alamat: { id: "Alamat webhook ditambahkan.", en: "Webhook endpoint added." },
  alamatnonaktif: { id: "Alamat webhook dinonaktifkan.", en: "Webhook endpoint disabled." },
  kirimulang: { id: "Pengiriman dijadwalkan ulang.", en: "Delivery scheduled again." },
  replay: { id: "Pesan dikirim ulang ke antreannya.", en: "Message replayed onto its queue." },
  siklus: { id: "Siklus usulan dijalankan ulang.", en: "Proposal lifecycle restarted." },
  ekspor: { id: "Ekspor siap: unduh di daftar di bawah.", en: "Export ready: download it from the list below." },
  latar: { id: "Ekspor besar sedang dibuat di latar belakang; muat ulang halaman ini sebentar lagi.", en: "A large export is being made in the background; reload this page in a moment." },
  tindaklanjut: { id: "Tindak lanjut diperbarui.", en: "Follow-up updated." },
};

const FOLLOW_UP_STATUS: Record<"open" | "in_progress" | "done", Text> = {
  open: { id: "Belum dimulai", en: "Open" },
  in_progress: { id: "Sedang berjalan", en: "In progress" },
  done: { id: "Selesai", en: "Done" },
};

const QUEUES: Record<string, Text> = {
  "proposal-routing": { id: "Penyaluran usulan ke OPD", en: "Routing proposals to agencies" },
  "webhook-delivery": { id: "Pengiriman webhook ke sistem OPD", en: "Webhook deliveries to agencies' systems" },
};

const EVENT_LABELS: Record<string, Text> = {
  "review_task.created": { id: "Tugas telaah baru", en: "New review task" },
  "review_task.updated": { id: "Tugas telaah berubah", en: "Review task updated" },
  "review_task.due_soon": { id: "Tenggat telaah dekat", en: "Review due soon" },
  "review_task.escalated": { id: "Telaah dieskalasi", en: "Review escalated" },
  "forum.decision": { id: "Keputusan forum", en: "Forum decision" },
};

const DELIVERY_STATUS: Record<string, Text> = {
  pending: { id: "menunggu", en: "pending" },
  delivered: { id: "terkirim", en: "delivered" },
  failed: { id: "gagal, dicoba lagi", en: "failed, retrying" },
  dead: { id: "gagal permanen", en: "failed for good" },
};

export const EXPORT_VIEWS: Record<"renja" | "td4", Text> = {
  renja: { id: "Renja per OPD", en: "Renja by agency" },
  td4: { id: "T-D.4 per kecamatan (Permendagri 86/2017)", en: "T-D.4 by district (Permendagri 86/2017)" },
};
const EXPORT_FORMATS: Record<"csv" | "xlsx" | "json" | "pdf", Text> = {
  xlsx: { id: "XLSX (Excel/LibreOffice)", en: "XLSX (Excel/LibreOffice)" },
  csv: { id: "CSV", en: "CSV" },
  json: { id: "JSON", en: "JSON" },
  pdf: { id: "PDF (hanya T-D.4)", en: "PDF (T-D.4 only)" },
};
const EXPORT_STATUS: Record<"accepted" | "accepted_with_changes", Text> = { accepted: STATUSES.accepted, accepted_with_changes: STATUSES.accepted_with_changes };
const EXPORT_STAGES: Record<"opd_review" | "sync_forum", Text> = {
  opd_review: { id: "Telaah OPD", en: "Agency review" },
  sync_forum: { id: "Forum lintas perangkat daerah", en: "Cross-agency forum" },
};

interface Named {
  code: string;
  name: string;
}

/** Every scope an account or token can have in the kabupaten, by name. */
export interface ScopeChoices {
  regency: Named;
  agencies: readonly Named[];
  districts: readonly (Named & { villages: readonly Named[] })[];
}

/** The name of a scope code, for the lists ("Dinas PUPR", "Kec. Kalianda", "Way Urang"). */
export function scopeNames(choices: ScopeChoices): Map<string, string> {
  const names = new Map<string, string>([[choices.regency.code, choices.regency.name]]);
  for (const a of choices.agencies) names.set(a.code, a.name);
  for (const d of choices.districts) {
    names.set(d.code, `Kec. ${d.name}`);
    for (const v of d.villages) names.set(v.code, `${v.name}, Kec. ${d.name}`);
  }
  return names;
}

interface PageProps {
  principal: Principal;
  csrfToken: string;
  lang: Language;
  message?: string | undefined;
  /** Field messages of the form that was sent; "" is the form's own message. */
  errors?: Record<string, string> | undefined;
  values?: Record<string, string> | undefined;
  /** Which form `errors`/`values` belong to. */
  form?: string | undefined;
}

function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

function ConsolePage(props: PageProps & { title: string; current: string; children?: unknown }) {
  const say = (t: Text) => t[props.lang];
  return (
    <Layout title={props.title} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang} wide>
      <ConsoleNav current={props.current} />
      <h1>{props.title}</h1>
      {props.message ? (
        <p class="ok" role="status">
          {props.message}
        </p>
      ) : null}
      {props.children as never}
    </Layout>
  );
}

/** A form's own message (a refusal not about one field), at its top. */
function FormError(props: { errors: Record<string, string> }) {
  return props.errors[""] ? (
    <p class="error" role="alert">
      {props.errors[""]}
    </p>
  ) : null;
}

/** One-button form (disable, revoke, replay, retry, redeliver). */
function ActionButton(props: { action: string; csrfToken: string; label: string; secondary?: boolean }) {
  return (
    <form class="inline" method="post" action={props.action}>
      <Csrf token={props.csrfToken} />
      <button type="submit" class={props.secondary ? "secondary" : undefined}>
        {props.label}
      </button>
    </form>
  );
}

function Select(props: { name: string; label: string; value: string | undefined; errors: Record<string, string>; children?: unknown }) {
  const error = props.errors[props.name];
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${props.name}-error` : undefined}>
        {props.children as never}
      </select>
      <FieldError errors={props.errors} name={props.name} />
    </div>
  );
}

function Option(props: { value: string; selected: string | undefined; label: string }) {
  return (
    <option value={props.value} selected={props.value === props.selected}>
      {props.label}
    </option>
  );
}

function RoleSelect(props: { roles: readonly Role[]; value: string | undefined; errors: Record<string, string>; lang: Language }) {
  return (
    <Select name="role" label={T.role[props.lang]} value={props.value} errors={props.errors}>
      <option value="">{T.chooseRole[props.lang]}</option>
      {props.roles.map((role) => (
        <Option value={role} selected={props.value} label={ROLES[role][props.lang]} />
      ))}
    </Select>
  );
}

/** The scope by name, grouped by kind; the server checks that it fits the role ("Cakupan tidak sesuai dengan peran"). */
function ScopeSelect(props: { scopes: ScopeChoices; value: string | undefined; errors: Record<string, string>; lang: Language }) {
  const say = (t: Text) => t[props.lang];
  return (
    <Select name="scopeCode" label={say(T.scope)} value={props.value} errors={props.errors}>
      <option value="">{say(T.chooseScope)}</option>
      <optgroup label={say(T.regency)}>
        <Option value={props.scopes.regency.code} selected={props.value} label={props.scopes.regency.name} />
      </optgroup>
      <optgroup label={say(T.agencies)}>
        {props.scopes.agencies.map((a) => (
          <Option value={a.code} selected={props.value} label={a.name} />
        ))}
      </optgroup>
      <optgroup label={say(T.districts)}>
        {props.scopes.districts.map((d) => (
          <Option value={d.code} selected={props.value} label={`Kec. ${d.name}`} />
        ))}
      </optgroup>
      {props.scopes.districts.map((d) => (
        <optgroup label={fill(say(T.villagesOf), { name: d.name })}>
          {d.villages.map((v) => (
            <Option value={v.code} selected={props.value} label={v.name} />
          ))}
        </optgroup>
      ))}
    </Select>
  );
}

/** The role as stored (one of ROLES; an unknown one is shown as it is). */
const roleName = (role: string, lang: Language) => ROLES[role as Role]?.[lang] ?? role;

export interface AccountItem {
  id: string;
  username: string;
  displayName: string;
  role: string;
  scopeCode: string;
  active: boolean;
  createdAt: string;
}
export interface TokenItem {
  id: string;
  name: string;
  role: string;
  scopeCode: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function AccountsPage(props: PageProps & { accounts: readonly AccountItem[]; tokens: readonly TokenItem[]; scopes: ScopeChoices; created?: { name: string; token: string } | undefined }) {
  const say = (t: Text) => t[props.lang];
  const names = scopeNames(props.scopes);
  const when = (iso: string) => dateTime(iso, props.principal.regencyCode, props.lang);
  const errorsOf = (form: string) => (props.form === form ? (props.errors ?? {}) : {});
  const valuesOf = (form: string) => (props.form === form ? (props.values ?? {}) : {});
  const people = (Object.keys(ROLES) as Role[]).filter((r) => r !== "integration");
  return (
    <ConsolePage {...props} title={say(T.accountsTitle)} current="/konsol/akun">
      {props.created ? (
        <div class="notice" role="alert" id="token-baru">
          <p>{fill(say(T.tokenOnce), { name: props.created.name })}</p>
          <p>
            <code>{props.created.token}</code>
          </p>
        </div>
      ) : null}
      <h2>{say(T.accounts)}</h2>
      <table>
        <thead>
          <tr>
            <th>{say(T.username)}</th>
            <th>{say(T.displayName)}</th>
            <th>{say(T.role)}</th>
            <th>{say(T.scope)}</th>
            <th>{say(T.status)}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.accounts.map((a) => (
            <tr>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>{roleName(a.role, props.lang)}</td>
              <td>{names.get(a.scopeCode) ?? a.scopeCode}</td>
              <td>{a.active ? say(T.active) : say(T.disabled)}</td>
              <td>{a.active && a.id !== props.principal.id ? <ActionButton action={`/konsol/akun/${a.id}/nonaktif`} csrfToken={props.csrfToken} label={say(T.disable)} secondary /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/konsol/akun" class="card" id="akun-baru">
        <h2>{say(T.newAccount)}</h2>
        <Csrf token={props.csrfToken} />
        <FormError errors={errorsOf("account")} />
        <div class="row">
          <Input name="username" label={say(T.username)} value={valuesOf("account").username} errors={errorsOf("account")} />
          <Input name="displayName" label={say(T.displayName)} value={valuesOf("account").displayName} errors={errorsOf("account")} />
        </div>
        <div class="row">
          <RoleSelect roles={people} value={valuesOf("account").role} errors={errorsOf("account")} lang={props.lang} />
          <ScopeSelect scopes={props.scopes} value={valuesOf("account").scopeCode} errors={errorsOf("account")} lang={props.lang} />
        </div>
        <div>
          <label for="password">{say(T.password)}</label>
          <input id="password" name="password" type="password" autocomplete="new-password" aria-invalid={errorsOf("account").password ? "true" : undefined} />
          <FieldError errors={errorsOf("account")} name="password" />
        </div>
        <button type="submit">{say(T.create)}</button>
      </form>

      <h2>{say(T.tokens)}</h2>
      <table>
        <thead>
          <tr>
            <th>{say(T.tokenName)}</th>
            <th>{say(T.role)}</th>
            <th>{say(T.scope)}</th>
            <th>{say(T.expires)}</th>
            <th>{say(T.lastUsed)}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>{roleName(t.role, props.lang)}</td>
              <td>{names.get(t.scopeCode) ?? t.scopeCode}</td>
              <td>{date(t.expiresAt, props.principal.regencyCode, props.lang)}</td>
              <td>{t.lastUsedAt ? when(t.lastUsedAt) : say(T.never)}</td>
              <td>{t.revokedAt ? `${say(T.revoked)} ${when(t.revokedAt)}` : <ActionButton action={`/konsol/akun/token/${t.id}/cabut`} csrfToken={props.csrfToken} label={say(T.revoke)} secondary />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/konsol/akun/token" class="card" id="token-form">
        <h2>{say(T.newToken)}</h2>
        <Csrf token={props.csrfToken} />
        <FormError errors={errorsOf("token")} />
        <div class="row">
          <Input name="name" label={say(T.tokenName)} value={valuesOf("token").name} errors={errorsOf("token")} />
          <Input name="expiresInDays" label={say(T.expiresInDays)} value={valuesOf("token").expiresInDays ?? "365"} errors={errorsOf("token")} inputmode="numeric" />
        </div>
        <div class="row">
          <RoleSelect roles={Object.keys(ROLES) as Role[]} value={valuesOf("token").role} errors={errorsOf("token")} lang={props.lang} />
          <ScopeSelect scopes={props.scopes} value={valuesOf("token").scopeCode} errors={errorsOf("token")} lang={props.lang} />
        </div>
        <button type="submit">{say(T.create)}</button>
      </form>
    </ConsolePage>
  );
}

export interface EndpointItem {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  createdAt: string;
  deliveries: readonly { id: string; eventType: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null; createdAt: string }[];
}

export function WebhooksPage(props: PageProps & { agencies: readonly Named[]; agency: Named; endpoints: readonly EndpointItem[]; secret?: { secret: string; previousValidUntil: string | null } | undefined }) {
  const say = (t: Text) => t[props.lang];
  const when = (iso: string) => dateTime(iso, props.principal.regencyCode, props.lang);
  const errorsOf = (form: string) => (props.form === form ? (props.errors ?? {}) : {});
  const values = props.form === "endpoint" ? (props.values ?? {}) : {};
  const base = `/konsol/webhook/${props.agency.code}`;
  const chosenEvents = values.eventTypes !== undefined ? values.eventTypes.split(",") : ["review_task.created", "review_task.escalated", "forum.decision"];
  return (
    <ConsolePage {...props} title={say(T.webhooksTitle)} current="/konsol/webhook">
      <form method="get" action="/konsol/webhook" class="filters">
        <Select name="opd" label={say(T.agency)} value={props.agency.code} errors={{}}>
          {props.agencies.map((a) => (
            <Option value={a.code} selected={props.agency.code} label={a.name} />
          ))}
        </Select>
        <button type="submit">{say(T.show)}</button>
      </form>
      <h2>{props.agency.name}</h2>
      {props.secret ? (
        <div class="notice" role="alert" id="rahasia-baru">
          <p>{fill(say(T.secretOnce), { name: props.agency.name })}</p>
          <p>
            <code>{props.secret.secret}</code>
          </p>
          {props.secret.previousValidUntil ? <p>{fill(say(T.previousUntil), { when: when(props.secret.previousValidUntil) })}</p> : null}
        </div>
      ) : null}
      <form method="post" action={`${base}/rahasia`} class="card" id="rahasia-form">
        <h2>{say(T.rotate)}</h2>
        <Csrf token={props.csrfToken} />
        <FormError errors={errorsOf("secret")} />
        <Input name="overlapHours" label={say(T.overlapHours)} value={props.form === "secret" ? props.values?.overlapHours : "72"} errors={errorsOf("secret")} inputmode="numeric" />
        <button type="submit">{say(T.rotateButton)}</button>
      </form>
      <h2>{say(T.endpoints)}</h2>
      {props.endpoints.length === 0 ? <p>{say(T.noEndpoints)}</p> : null}
      {props.endpoints.map((e) => (
        <section class="card">
          <h2>
            <code>{e.url}</code> <span class={e.active ? "tag" : "tag warn"}>{e.active ? say(T.active) : say(T.disabled)}</span>
          </h2>
          <p class="muted">{e.eventTypes.map((t) => EVENT_LABELS[t]?.[props.lang] ?? t).join(" · ")}</p>
          {e.active ? <ActionButton action={`/konsol/webhook/alamat/${e.id}/nonaktif?opd=${props.agency.code}`} csrfToken={props.csrfToken} label={say(T.disable)} secondary /> : null}
          <h3>{say(T.deliveries)}</h3>
          {e.deliveries.length === 0 ? (
            <p>{say(T.noDeliveries)}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{say(T.when)}</th>
                  <th>{say(T.event)}</th>
                  <th>{say(T.status)}</th>
                  <th class="num">{say(T.attempts)}</th>
                  <th>{say(T.lastAnswer)}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {e.deliveries.map((d) => (
                  <tr>
                    <td>{when(d.createdAt)}</td>
                    <td>{EVENT_LABELS[d.eventType]?.[props.lang] ?? d.eventType}</td>
                    <td>{DELIVERY_STATUS[d.status]?.[props.lang] ?? d.status}</td>
                    <td class="num">{d.attempts}</td>
                    <td>{d.lastStatus ? `HTTP ${d.lastStatus}` : (d.lastError ?? "-")}</td>
                    <td>{d.status === "failed" || d.status === "dead" ? <ActionButton action={`/konsol/webhook/kiriman/${d.id}/ulang?opd=${props.agency.code}`} csrfToken={props.csrfToken} label={say(T.redeliver)} secondary /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <form method="post" action={`${base}/alamat`} class="card" id="alamat-form">
        <h2>{say(T.addEndpoint)}</h2>
        <Csrf token={props.csrfToken} />
        <FormError errors={errorsOf("endpoint")} />
        <Input name="url" label={say(T.url)} value={values.url} errors={errorsOf("endpoint")} placeholder="https://" />
        <fieldset aria-describedby={errorsOf("endpoint").eventTypes ? "eventTypes-error" : undefined}>
          <legend>{say(T.events)}</legend>
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <label class="choice">
              <input type="checkbox" name="eventTypes" value={t} checked={chosenEvents.includes(t)} /> {EVENT_LABELS[t]![props.lang]}
            </label>
          ))}
          <FieldError errors={errorsOf("endpoint")} name="eventTypes" />
        </fieldset>
        <button type="submit">{say(T.addEndpoint)}</button>
      </form>
    </ConsolePage>
  );
}

export interface DeadLetterItem {
  id: string;
  queue: string;
  about: string;
  attempts: number;
  createdAt: string;
  replayedAt: string | null;
}
export interface FailedItem {
  id: string;
  trackingCode: string;
  activity: string;
  status: string;
  error: string | null;
}
export interface EscalationItem {
  taskId: string;
  proposalId: string;
  activity: string;
  trackingCode: string;
  queueName: string;
  dueAt: string;
  escalatedAt: string;
}

export function OperationsPage(props: PageProps & { deadLetters: readonly DeadLetterItem[]; includeReplayed: boolean; failed: readonly FailedItem[]; escalations: readonly EscalationItem[] }) {
  const say = (t: Text) => t[props.lang];
  const when = (iso: string) => dateTime(iso, props.principal.regencyCode, props.lang);
  const errors = props.errors ?? {};
  return (
    <ConsolePage {...props} title={say(T.operationsTitle)} current="/konsol/operasi">
      <FormError errors={errors} />
      <h2 id="dead-letter">{say(T.deadLetters)}</h2>
      <p>
        <a href={props.includeReplayed ? "/konsol/operasi" : "/konsol/operasi?semua=1"}>{props.includeReplayed ? say(T.hideReplayed) : say(T.showReplayed)}</a>
      </p>
      {props.deadLetters.length === 0 ? (
        <p>{say(T.noDeadLetters)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{say(T.when)}</th>
              <th>{say(T.queue)}</th>
              <th>{say(T.about)}</th>
              <th class="num">{say(T.attempts)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.deadLetters.map((d) => (
              <tr>
                <td>{when(d.createdAt)}</td>
                <td>{QUEUES[d.queue]?.[props.lang] ?? d.queue}</td>
                <td>{d.about}</td>
                <td class="num">{d.attempts}</td>
                <td>{d.replayedAt ? fill(say(T.replayed), { when: when(d.replayedAt) }) : <ActionButton action={`/konsol/operasi/dead-letter/${d.id}/replay`} csrfToken={props.csrfToken} label={say(T.replay)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{say(T.failedLifecycles)}</h2>
      {props.failed.length === 0 ? (
        <p>{say(T.noFailed)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{say(T.proposal)}</th>
              <th>{say(T.status)}</th>
              <th>{say(T.error)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.failed.map((f) => (
              <tr>
                <td>
                  <a href={`/usulan/${f.id}`}>{f.activity}</a>
                  <br />
                  <small>{f.trackingCode}</small>
                </td>
                <td>{STATUSES[f.status as Status]?.[props.lang] ?? f.status}</td>
                <td>{f.error}</td>
                <td>
                  <ActionButton action={`/konsol/operasi/siklus/${f.id}/ulang`} csrfToken={props.csrfToken} label={say(T.retry)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{say(T.escalations)}</h2>
      {props.escalations.length === 0 ? (
        <p>{say(T.noEscalations)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{say(T.proposal)}</th>
              <th>{say(T.queue)}</th>
              <th>{say(T.due)}</th>
              <th>{say(T.escalatedAt)}</th>
            </tr>
          </thead>
          <tbody>
            {props.escalations.map((e) => (
              <tr>
                <td>
                  <a href={`/telaah/${e.taskId}`}>{e.activity}</a>
                  <br />
                  <small>{e.trackingCode}</small>
                </td>
                <td>{e.queueName}</td>
                <td>{date(e.dueAt, props.principal.regencyCode, props.lang)}</td>
                <td>{when(e.escalatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsolePage>
  );
}

export interface SnapshotItem {
  id: string;
  year: number;
  format: string;
  view: string;
  filters: Record<string, unknown>;
  status: "running" | "ready" | "failed";
  rowCount: number | null;
  createdAt: string;
  downloadUrl: string | null;
}

export function ExportsPage(props: PageProps & { year: number; agencies: readonly Named[]; districts: readonly Named[]; snapshots: readonly SnapshotItem[] }) {
  const say = (t: Text) => t[props.lang];
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const names = new Map([...props.agencies, ...props.districts.map((d) => ({ code: d.code, name: `Kec. ${d.name}` }))].map((n) => [n.code, n.name]));
  const filterText = (filters: Record<string, unknown>) =>
    Object.values(filters)
      .map((value) => {
        const key = String(value);
        return names.get(key) ?? EXPORT_STATUS[key as keyof typeof EXPORT_STATUS]?.[props.lang] ?? EXPORT_STAGES[key as keyof typeof EXPORT_STAGES]?.[props.lang] ?? key;
      })
      .join(" · ") || say(T.all);
  return (
    <ConsolePage {...props} title={say(T.exportsTitle)} current="/konsol/ekspor">
      <form method="post" action="/konsol/ekspor" class="card" id="ekspor-form">
        <h2>{say(T.newExport)}</h2>
        <Csrf token={props.csrfToken} />
        <FormError errors={errors} />
        <div class="row">
          <Input name="year" label={say(T.year)} value={values.year ?? String(props.year)} errors={errors} inputmode="numeric" />
          <Select name="view" label={say(T.view)} value={values.view} errors={errors}>
            {Object.entries(EXPORT_VIEWS).map(([key, label]) => (
              <Option value={key} selected={values.view ?? "renja"} label={label[props.lang]} />
            ))}
          </Select>
          <Select name="format" label={say(T.format)} value={values.format} errors={errors}>
            {Object.entries(EXPORT_FORMATS).map(([key, label]) => (
              <Option value={key} selected={values.format ?? "xlsx"} label={label[props.lang]} />
            ))}
          </Select>
        </div>
        <div class="row">
          <Select name="agency" label={say(T.agency)} value={values.agency} errors={errors}>
            <option value="">{say(T.all)}</option>
            {props.agencies.map((a) => (
              <Option value={a.code} selected={values.agency} label={a.name} />
            ))}
          </Select>
          <Select name="kecamatan" label={say(T.districts)} value={values.kecamatan} errors={errors}>
            <option value="">{say(T.all)}</option>
            {props.districts.map((d) => (
              <Option value={d.code} selected={values.kecamatan} label={d.name} />
            ))}
          </Select>
          <Select name="status" label={say(T.status)} value={values.status} errors={errors}>
            <option value="">{say(T.all)}</option>
            {Object.entries(EXPORT_STATUS).map(([key, label]) => (
              <Option value={key} selected={values.status} label={label[props.lang]} />
            ))}
          </Select>
          <Select name="stage" label={say(T.stage)} value={values.stage} errors={errors}>
            <option value="">{say(T.all)}</option>
            {Object.entries(EXPORT_STAGES).map(([key, label]) => (
              <Option value={key} selected={values.stage} label={label[props.lang]} />
            ))}
          </Select>
        </div>
        <button type="submit">{say(T.start)}</button>
      </form>
      <h2>{say(T.snapshots)}</h2>
      {props.snapshots.length === 0 ? (
        <p>{say(T.noSnapshots)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{say(T.when)}</th>
              <th>{say(T.year)}</th>
              <th>{say(T.view)}</th>
              <th>{say(T.format)}</th>
              <th>{say(T.filters)}</th>
              <th class="num">{say(T.rows)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.snapshots.map((s) => (
              <tr>
                <td>{dateTime(s.createdAt, props.principal.regencyCode, props.lang)}</td>
                <td>{s.year}</td>
                <td>{EXPORT_VIEWS[s.view as "renja" | "td4"]?.[props.lang] ?? s.view}</td>
                <td>{s.format.toUpperCase()}</td>
                <td>{filterText(s.filters)}</td>
                <td class="num">{s.rowCount ?? "-"}</td>
                <td>{s.downloadUrl ? <a href={s.downloadUrl}>{say(T.download)}</a> : s.status === "running" ? say(T.running) : say(T.failed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsolePage>
  );
}

export interface FollowUpItem {
  id: string;
  forumId: string;
  ownerName: string;
  description: string;
  dueDate: string;
  status: "open" | "in_progress" | "done";
  overdue: boolean;
  notes: readonly { at: string; by: string; note: string }[];
}

export function FollowUpsPage(props: PageProps & { followUps: readonly FollowUpItem[] }) {
  const say = (t: Text) => t[props.lang];
  const when = (iso: string) => dateTime(iso, props.principal.regencyCode, props.lang);
  return (
    <ConsolePage {...props} title={say(T.followUpsTitle)} current="/konsol/tindak-lanjut">
      {props.followUps.length === 0 ? <p>{say(T.noFollowUps)}</p> : null}
      {props.followUps.map((f) => {
        const errors = props.form === f.id ? (props.errors ?? {}) : {};
        const values = props.form === f.id ? (props.values ?? {}) : {};
        return (
          <section class="card" id={`tl-${f.id}`}>
            <h2>
              {f.description} {f.overdue ? <span class="tag warn">{say(T.overdue)}</span> : null}
            </h2>
            <dl class="facts">
              <dt>{say(T.owner)}</dt>
              <dd>{f.ownerName}</dd>
              <dt>{say(T.due)}</dt>
              <dd>{date(`${f.dueDate}T12:00:00Z`, props.principal.regencyCode, props.lang)}</dd>
              <dt>{say(T.status)}</dt>
              <dd>{FOLLOW_UP_STATUS[f.status][props.lang]}</dd>
              <dt>{say(T.forum)}</dt>
              <dd>
                <a href={`/forum/${f.forumId}`}>{say(T.forum)}</a>
              </dd>
            </dl>
            {f.notes.length > 0 ? (
              <>
                <h3>{say(T.notes)}</h3>
                <ul>
                  {f.notes.map((n) => (
                    <li>
                      {n.note} <small class="muted">({n.by}, {when(n.at)})</small>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <form method="post" action={`/konsol/tindak-lanjut/${f.id}`}>
              <Csrf token={props.csrfToken} />
              <FormError errors={errors} />
              <div class="row">
                <Select name="status" label={say(T.newStatus)} value={values.status} errors={errors}>
                  {Object.entries(FOLLOW_UP_STATUS).map(([key, label]) => (
                    <Option value={key} selected={values.status ?? f.status} label={label[props.lang]} />
                  ))}
                </Select>
                <Input name="note" label={say(T.note)} value={values.note} errors={errors} />
              </div>
              <button type="submit">{say(T.save)}</button>
            </form>
          </section>
        );
      })}
    </ConsolePage>
  );
}
