/**
 * Shared pieces of the hostile-input suite: adversarial arbitraries (fast-check) and the invariants every
 * response must keep. Bodies are built as JSON *text* so they can carry what JSON.stringify cannot: 1e309, -0,
 * huge integers, duplicate keys, `__proto__` as an own key, 1000-deep nesting.
 */
import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { expect } from "vitest";

// A fixed seed keeps CI deterministic; change it locally to explore other inputs (every seed tried so far passes).
fc.configureGlobal({ seed: 1801_2027 });

// ---------------------------------------------------------------------------------------------------------------
// JSON as text
// ---------------------------------------------------------------------------------------------------------------

export type Json = { raw: string } | { items: Json[] } | { entries: [string, Json][] };

export const raw = (value: unknown): Json => ({ raw: JSON.stringify(value) ?? "null" });

export function jsonText(j: Json): string {
  if ("raw" in j) return j.raw;
  if ("items" in j) return `[${j.items.map(jsonText).join(",")}]`;
  return `{${j.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(",")}}`;
}

/** A plain value as Json (objects keep their key order). */
export function fromValue(value: unknown): Json {
  if (Array.isArray(value)) return { items: value.map(fromValue) };
  if (value !== null && typeof value === "object") return { entries: Object.entries(value).map(([k, v]) => [k, fromValue(v)] as [string, Json]) };
  return raw(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile strings
// ---------------------------------------------------------------------------------------------------------------

/** A unique marker, so a payload found in a page is known to come from the test and not from the page. */
export const marker = fc.integer({ min: 0, max: 0x7fffffff }).map((n) => `xss${n.toString(36)}q`);

const HTML_TEMPLATES: ((m: string) => string)[] = [
  (m) => `<script>alert("${m}")</script>`,
  (m) => `<img src=x onerror=alert('${m}')>`,
  (m) => `"><svg onload=alert('${m}')>`,
  (m) => `'><iframe src="javascript:alert('${m}')"></iframe>`,
  (m) => `</textarea><script>${m}</script>`,
  (m) => `</title><script>${m}</script>`,
  (m) => `<a href="javascript:${m}">klik</a>`,
  (m) => `" autofocus onfocus="${m}`,
  (m) => `' onmouseover='${m}`,
  (m) => `<!--${m}--><style>*{x:${m}}</style>`,
  (m) => `&lt;script&gt;${m}&lt;/script&gt;`,
  (m) => `<scr<script>ipt>${m}</script>`,
  (m) => `<math><mtext><table><mglyph><style><img src=x onerror=${m}>`,
];

/** An HTML/script injection string carrying a unique marker. */
export const htmlPayload = fc.tuple(fc.constantFrom(...HTML_TEMPLATES), marker).map(([template, m]) => template(m));

export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE proposals; --",
  '" OR 1=1 --',
  "1) OR (1=1",
  "' UNION SELECT password_hash FROM accounts --",
  "%",
  "_",
  "%' --",
  "\\'; --",
  "'; ATTACH DATABASE '/tmp/x' AS x; --",
  "') ON CONFLICT DO NOTHING; --",
  "1; SELECT sqlite_version()",
  "\\",
  "'",
  "''",
  "`",
  "?",
  "?1",
  ":id",
  "@x",
  "$1",
  "*/ SELECT 1 /*",
] as const;

export const UNICODE_TRICKS = [
  "\u202Egnp.exe",
  "a\u200Db\u200Cc\u200Bd\uFEFF",
  "\u0000",
  "nul\u0000byte",
  "e\u0301\u0302\u0303\u0304\u0305\u0306",
  "Z\u0337\u0322\u031b\u0353\u031ea\u0335l\u0334g\u0336o\u0337",
  "\u0661\u0668.\u0660\u0661.\u0660\u0666.\u0661\u0660\u0660\u0668", // ١٨.٠١.٠٦.١٠٠٨ (Arabic-Indic digits)
  "\u06f1\u06f8.\u06f0\u06f1.\u06f0\u06f6.\u06f1\u06f0\u06f0\u06f8", // Extended Arabic-Indic digits
  "\uff11\uff18\uff0e\uff10\uff11\uff0e\uff10\uff16\uff0e\uff11\uff10\uff10\uff18", // fullwidth
  "18.01.06.1008\u200B",
  "\u200B18.01.06.1008",
  "18.01.06.1008\n",
  "18\u00b701\u00b706\u00b71008",
  "\ud83d\ude00\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
  "\ud800",
  "\udfff",
  "a\ud83db",
  "\u2028\u2029",
  "\r\n\t\v\f",
  "\u0130\u0131\u017fK",
  "\u00df\ufb01\u2126",
  "\u0585perator.wayurang", // Armenian o
  "operator.wayurang\u0000",
  "OPERATOR.WAYURANG",
  " operator.wayurang ",
] as const;

export const NUMERIC_STRINGS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-0",
  "0x1F",
  "1_000",
  "1.5e3",
  " 12 ",
  "12abc",
  "9007199254740993",
  "-1",
  "0",
  "00012",
  "1.000.000",
  "Rp 1.500.000",
  "120,5",
  "1,5e3",
  "\u0661\u0668",
] as const;

export const REGION_CODES = [
  "18.01.06.9999",
  "18.01.06",
  "18.01.06.1008.1",
  "18.1.6.1008",
  "99.99.99.9999",
  "00.00.00.0000",
  "18.02.01.2001",
  "18.01.06.2001",
  "18-01-06-1008",
  "18.01.06.100\uff18",
  "18.01.06.%",
  "18.01.%",
  "18.01.06.____",
  "18.01",
  "18",
  "",
] as const;

export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isAdmin"] as const;

const PATHS = ["../", "../../etc/passwd", "..\\..\\", "./", ".", "..", "~", "/", "//evil.example", "C:\\Windows"] as const;

/** A string up to ~200 KB of one repeated piece. */
export const hugeString = fc
  .tuple(fc.constantFrom("x", "<", "\u00e9", "\u202e", "'", "\ud83d\ude00", "a ", "<script>", "\u0000"), fc.integer({ min: 1_000, max: 200_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

const loneSurrogates = fc
  .array(fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(""));

const constantStrings = fc.constantFrom<string>(...SQL_INJECTIONS, ...UNICODE_TRICKS, ...NUMERIC_STRINGS, ...REGION_CODES, ...PROTO_KEYS, ...PATHS, "null", "undefined", "true", "[]", "{}", "  ");

/** Any adversarial string: injections, unicode tricks, random code points, lone surrogates, sometimes huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: constantStrings },
  { weight: 3, arbitrary: htmlPayload },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 2, arbitrary: fc.array(fc.oneof(constantStrings, htmlPayload, fc.string({ maxLength: 8 })), { minLength: 2, maxLength: 5 }).map((p) => p.join("")) },
  { weight: 1, arbitrary: hugeString },
);

/** Keys an attacker might send: prototype-pollution keys, near-misses of real field names, junk. */
export const hostileKey = (fields: readonly string[] = []) =>
  fc.oneof(
    fc.constantFrom<string>(...PROTO_KEYS, "", " ", "\u0000", "a.b", "a[]", "__proto__.polluted", "constructor.prototype"),
    ...(fields.length ? [fc.constantFrom(...fields), fc.constantFrom(...fields).map((f) => `${f} `), fc.constantFrom(...fields).map((f) => f.toUpperCase())] : []),
    fc.string({ maxLength: 10 }),
  );

// ---------------------------------------------------------------------------------------------------------------
// Hostile numbers and JSON values
// ---------------------------------------------------------------------------------------------------------------

/** Number tokens as written in JSON text, including ones JSON.parse turns into Infinity, -0 or a rounded value. */
export const numberToken: fc.Arbitrary<Json> = fc.oneof(
  fc
    .constantFrom(
      "1e309",
      "-1e309",
      "-0",
      "0",
      "-0.0",
      "1e-400",
      "123456789012345678901234567890",
      "-123456789012345678901234567890",
      "9007199254740993",
      "2027.0000000000001",
      "2027.0",
      "2.027e3",
      "1E3",
      "-1",
      "0.5",
      "1e21",
      "0.009",
      "4.9e-324",
      "1.7976931348623157e308",
    )
    .map((token) => ({ raw: token })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(raw),
  fc.integer().map(raw),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => ({ raw: n.toString() })),
);

/** Nesting N deep (default up to 1,500), as arrays or objects, optionally around a value. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 1_500 }), fc.constantFrom("array", "object", "mixed"), fc.constantFrom('"x"', "1", "null", "{}"))
  .map(([depth, kind, leaf]): Json => {
    let text: string = leaf;
    for (let i = 0; i < depth; i++) {
      const asArray = kind === "array" || (kind === "mixed" && i % 2 === 0);
      text = asArray ? `[${text}]` : `{"a":${text}}`;
    }
    return { raw: text };
  });

const scalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(raw) },
  { weight: 3, arbitrary: numberToken },
  { weight: 1, arbitrary: fc.constantFrom<Json>(raw(true), raw(false), raw(null)) },
);

/** Any JSON value built from hostile pieces. */
export const hostileJson = (fields: readonly string[] = []): fc.Arbitrary<Json> =>
  fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.array(tie("value"), { maxLength: 4 }).map((items): Json => ({ items })),
      fc.array(fc.tuple(hostileKey(fields), tie("value")), { maxLength: 4 }).map((entries): Json => ({ entries })),
      deepNesting,
    ),
  })).value;

/** Text that is not (quite) JSON. */
export const notJson = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "{",
    "}",
    "{'a':1}",
    "[1,]",
    '{"a":1,}',
    "\ufeff{}",
    "NaN",
    "Infinity",
    "undefined",
    '{"a":1}garbage',
    '{"a":1}{"b":2}',
    "// comment\n{}",
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"a":"\\x41"}',
    "\u0000",
    "[".repeat(100_000),
    `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
    `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
  ),
  fc.string({ unit: "binary", maxLength: 60 }),
);

/**
 * A valid object with one thing done to one field: set to a hostile value, removed, duplicated with a hostile
 * second value, or a hostile extra key added.
 */
export function mutated(base: Record<string, unknown>, extraFields: readonly string[] = []): fc.Arbitrary<{ json: Json; description: string }> {
  const fields = [...Object.keys(base), ...extraFields];
  return fc
    .record({
      field: fc.oneof(fc.constantFrom(...fields), hostileKey(fields)),
      op: fc.constantFrom("set", "set", "set", "drop", "duplicate", "add"),
      value: fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: hostileJson(fields) }),
    })
    .map(({ field, op, value }) => {
      const entries = Object.entries(base).map(([k, v]) => [k, fromValue(v)] as [string, Json]);
      const index = entries.findIndex(([k]) => k === field);
      if (op === "drop") {
        if (index >= 0) entries.splice(index, 1);
      } else if (op === "set" && index >= 0) {
        entries[index] = [field, value];
      } else {
        entries.push([field, value]);
      }
      return { json: { entries }, description: `${op} ${JSON.stringify(field)}` };
    });
}

/** A whole hostile JSON body: any value, a mutated valid object, or not JSON at all. */
export function hostileBody(base: Record<string, unknown>, extraFields: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: mutated(base, extraFields).map(({ json }) => jsonText(json)) },
    { weight: 3, arbitrary: hostileJson(Object.keys(base)).map(jsonText) },
    { weight: 1, arbitrary: notJson },
  );
}

/** Content types, most of them JSON, some wrong or malformed. */
export const jsonContentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "application/json; charset=utf-16",
      "application/vnd.api+json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "multipart/form-data; boundary=xyz",
      "application/xml",
      "application/json;;;",
      "",
    ),
  },
);

/** Header-safe text (Headers refuse CR, LF, NUL and non-Latin-1). */
export const headerValue = fc
  .oneof(fc.constantFrom("en", "id", "en-US,en;q=0.9", "*", "", ";;;", "EN", "x".repeat(4000), "' OR 1=1 --"), fc.string({ unit: "binary-ascii", maxLength: 30 }))
  .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, "").trim());

// ---------------------------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------------------------

const FINGERPRINTS: Record<string, string> = {
  proposals: "SELECT count(*) || ':' || coalesce(max(updated_at), '') || ':' || total(village_rank) || ':' || total(district_rank) || ':' || coalesce(max(status), '') AS f FROM proposals",
  proposal_recommendations: "SELECT count(*) || ':' || total(cost) || ':' || total(volume) || ':' || coalesce(max(decided_at), '') AS f FROM proposal_recommendations",
  district_plans: "SELECT count(*) AS f FROM district_plans",
  pokir: "SELECT count(*) AS f FROM pokir",
  attachments: "SELECT count(*) AS f FROM attachments",
  audit_events: "SELECT count(*) || ':' || coalesce(max(id), 0) AS f FROM audit_events",
  review_tasks:
    "SELECT count(*) || ':' || sum(status = 'open') || ':' || sum(status = 'claimed') || ':' || sum(status = 'decided') || ':' || total(length(assignee)) || ':' || coalesce(max(decided_at), '') AS f FROM review_tasks",
  proposal_classifications:
    "SELECT count(*) || ':' || coalesce(group_concat(x, ','), '') AS f FROM (SELECT proposal_id || '/' || sub_activity_code || '/' || source AS x FROM proposal_classifications ORDER BY proposal_id, sub_activity_code)",
  accounts: "SELECT count(*) || ':' || total(active) || ':' || coalesce(max(disabled_at), '') AS f FROM accounts",
  // Not last_used_at: every request with a token stamps it (at most once a minute), refused or not.
  api_tokens: "SELECT count(*) || ':' || count(revoked_at) AS f FROM api_tokens",
  idempotency_keys: "SELECT count(*) AS f FROM idempotency_keys",
  sessions: "SELECT count(*) AS f FROM sessions",
  login_throttle: "SELECT count(*) || ':' || total(failures) AS f FROM login_throttle",
  forums:
    "SELECT count(*) || ':' || coalesce(group_concat(x, ','), '') AS f FROM (SELECT status || '/' || coalesce(minutes_number, '') || '/' || coalesce(minutes_finalised_at, '') AS x FROM forums ORDER BY id)",
  forum_agenda_items: "SELECT count(*) || ':' || coalesce(group_concat(status || '/' || coalesce(decision, ''), ','), '') AS f FROM (SELECT status, decision FROM forum_agenda_items ORDER BY id)",
  forum_attendees: "SELECT count(*) || ':' || count(signed_at) || ':' || coalesce(group_concat(x, ','), '') AS f FROM (SELECT coalesce(sign_token_hash, '') || '/' || coalesce(account_id, '') AS x, signed_at FROM forum_attendees ORDER BY id)",
  follow_up_actions: "SELECT count(*) || ':' || total(length(notes)) || ':' || coalesce(group_concat(status, ','), '') AS f FROM (SELECT notes, status FROM follow_up_actions ORDER BY id)",
  budget_envelopes: "SELECT count(*) || ':' || total(amount) AS f FROM budget_envelopes",
  overlap_flags: "SELECT count(*) || ':' || sum(status = 'dismissed') AS f FROM overlap_flags",
  webhook_endpoints: "SELECT count(*) || ':' || total(active) AS f FROM webhook_endpoints",
  webhook_secrets: "SELECT count(*) AS f FROM webhook_secrets",
  dead_letters: "SELECT count(*) || ':' || count(replayed_at) AS f FROM dead_letters",
  renja_exports: "SELECT count(*) AS f FROM renja_exports",
  agencies: "SELECT count(*) || ':' || coalesce(group_concat(x, ','), '') AS f FROM (SELECT id || '/' || short_name || '/' || name || '/' || active AS x FROM agencies ORDER BY id)",
  regional_priorities: "SELECT count(*) || ':' || coalesce(group_concat(x, ','), '') AS f FROM (SELECT regency_code || '/' || year || '/' || code || '/' || position || '/' || updated_at AS x FROM regional_priorities ORDER BY 1)",
  letterheads: "SELECT count(*) || ':' || coalesce(group_concat(updated_at, ','), '') AS f FROM (SELECT updated_at FROM letterheads ORDER BY regency_code)",
  renja_lines: "SELECT count(*) || ':' || total(target) || ':' || coalesce(group_concat(coalesce(priority_code, ''), ','), '') AS f FROM (SELECT target, priority_code FROM renja_lines ORDER BY id)",
  agency_responsibilities: "SELECT count(*) || ':' || coalesce(group_concat(x, ','), '') AS f FROM (SELECT regency_code || '/' || code_prefix || '/' || agency_id AS x FROM agency_responsibilities ORDER BY 1)",
};

export interface Snapshot {
  rows: Record<string, string>;
  r2: string[];
}

export async function r2Keys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await env.ATTACHMENTS.list({ cursor, limit: 1000 });
    keys.push(...page.objects.map((o) => o.key));
    if (!page.truncated) break;
    cursor = page.cursor;
  }
  return keys.sort();
}

/** Row counts (and change fingerprints) of every table a request may write, and the R2 keys. */
export async function snapshot(): Promise<Snapshot> {
  const names = Object.keys(FINGERPRINTS);
  const results = await env.DB.batch(names.map((name) => env.DB.prepare(FINGERPRINTS[name]!)));
  const rows: Record<string, string> = {};
  names.forEach((name, i) => {
    rows[name] = String((results[i]!.results[0] as { f: unknown }).f);
  });
  return { rows, r2: await r2Keys() };
}

/** Object.prototype's own keys: a request that pollutes it shows up here. */
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(",");
export const PROTOTYPE_KEYS = prototypeKeys();

export interface Seen {
  status: number;
  text: string;
  json: unknown;
}

/**
 * The invariants of every answer: never a 5xx; an API refusal is `{ error: { code, message } }`; a page refusal
 * is an HTML page; Object.prototype untouched.
 */
export async function inspect(response: Response, kind: "api" | "page"): Promise<Seen> {
  const text = await response.text();
  expect(response.status, `5xx: ${text.slice(0, 500)}`).toBeLessThan(500);
  expect(prototypeKeys()).toBe(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  let json: unknown = undefined;
  if (kind === "api" && response.status >= 400) {
    expect(response.headers.get("content-type") ?? "").toMatch(/^application\/json/);
    json = JSON.parse(text);
    expect(json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
    const error = (json as { error: { code: string; message: string } }).error;
    expect(error.code.length).toBeGreaterThan(0);
    expect(error.message.length).toBeGreaterThan(0);
  } else if (kind === "api" && /^application\/json/.test(response.headers.get("content-type") ?? "")) {
    json = JSON.parse(text);
  } else if (kind === "page" && response.status >= 400) {
    expect(response.headers.get("content-type") ?? "").toMatch(/^text\/html/);
  }
  return { status: response.status, text, json };
}

/** A refused request (4xx) must leave every table and R2 exactly as it was. */
export async function expectNoWrite(seen: Seen, before: Snapshot, allowed: (keyof typeof FINGERPRINTS)[] = []) {
  if (seen.status < 400 || seen.status >= 500) return;
  const after = await snapshot();
  const strip = (s: Snapshot) => ({ r2: s.r2, rows: Object.fromEntries(Object.entries(s.rows).filter(([k]) => !allowed.includes(k))) });
  expect(strip(after), `a ${seen.status} changed stored data`).toEqual(strip(before));
}

/** Hono's escaping of text and attribute values (& < > " '). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

/** The string as it survives UTF-8 (lone surrogates become U+FFFD). */
export const wellFormed = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));

/**
 * A stored text shown on a page is escaped: its escaped form is there and, when it holds markup, the raw form is
 * not. `mustAppear` is false for texts a page may leave out or cut.
 */
export function expectEscaped(html: string, stored: string, mustAppear = true) {
  const text = wellFormed(stored);
  if (/[<>"'&]/.test(text)) expect(html.includes(text), `raw markup rendered: ${text.slice(0, 200)}`).toBe(false);
  if (mustAppear) expect(html.includes(escapeHtml(text)), `escaped text missing: ${text.slice(0, 200)}`).toBe(true);
}

/**
 * The proposal lifecycle Workflow is stubbed for the hostile suite: each instance finds its proposal
 * "withdrawn" and ends at once, so no background step writes while a property compares before and after.
 */
export async function quietLifecycles(): Promise<AsyncDisposable> {
  const introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
  await introspector.modifyAll(async (m) => {
    await m.mockStepResult({ name: "open verification 1" }, { proposal: { regencyCode: "18.01", districtCode: "18.01.06", status: "withdrawn" }, task: null });
  });
  return introspector;
}

/** Sub-activity codes that exist, for bodies that should pass validation. */
export async function realSubActivityCodes(limit = 6): Promise<string[]> {
  const rows = await env.DB.prepare("SELECT code FROM sub_activities WHERE government_level = 'KABKOT' ORDER BY code LIMIT ?").bind(limit).all<{ code: string }>();
  return rows.results.map((r) => r.code);
}

/** Test-wide run counts: kept small so the hostile suite stays under a minute on two cores. */
export const RUNS = { heavy: 8, medium: 20, light: 40 } as const;

/** A form body in either encoding browsers send; urlencoded sets its content type, FormData brings its own. */
export function encodeForm(encoding: string, pairs: readonly (readonly [string, string])[], headers: Record<string, string>): BodyInit {
  if (encoding === "urlencoded") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    return new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
  }
  const data = new FormData();
  for (const [k, v] of pairs) data.append(k, v);
  return data;
}
