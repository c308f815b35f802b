/**
 * The bench's HTTP client: node:http with keep-alive (lighter than fetch, so the load generator takes less of
 * the two cores from the server), Bappeda's session, API tokens for village operators and kecamatan verifiers
 * created through POST /api/v1/tokens, and proposals as villages write them (shared/demo's generator).
 */
import { Agent, request as httpRequest } from "node:http";
import { DEMO_KABUPATEN } from "../../shared/demo/demo-kabupaten.ts";
import { generateDemoProposals, type DemoVillage } from "../../shared/demo/proposals.ts";
import { regionRows } from "../../shared/reference/regions.ts";
import { readReferenceSources } from "../../scripts/reference-sources.ts";
import { projectRoot } from "./instance.ts";

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** Thrown when the caller aborted a request on purpose (a flaky connection) or the socket broke. */
export class RequestAborted extends Error {
  readonly byUs: boolean;
  constructor(message: string, byUs: boolean) {
    super(message);
    this.byUs = byUs;
  }
}

export function agent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/**
 * One HTTP request. `abortAfterMs` destroys the socket after that long, as a connection that drops would: the
 * request may or may not have reached the Worker, and its answer is lost either way.
 */
export function http(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; agent?: Agent; abortAfterMs?: number; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const url = new URL(path, base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started });
        });
        res.on("error", (error) => reject(new RequestAborted(String(error), false)));
      },
    );
    let byUs = false;
    const timer = options.abortAfterMs !== undefined || options.timeoutMs !== undefined
      ? setTimeout(() => {
          byUs = options.abortAfterMs !== undefined;
          req.destroy(new Error(byUs ? "aborted by the bench" : "timeout"));
        }, options.abortAfterMs ?? options.timeoutMs)
      : undefined;
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(new RequestAborted(error.message, byUs));
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export async function json<T>(result: HttpResult, what: string): Promise<T> {
  if (result.status < 200 || result.status >= 300) throw new Error(`${what}: HTTP ${result.status} ${result.body.slice(0, 500)}`);
  return JSON.parse(result.body) as T;
}

// ---------------------------------------------------------------------------------------------------- Bappeda

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signInBappeda(base: string): Promise<Session> {
  const response = await http(base, "POST", "/api/v1/auth/login", {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin.bappeda", password: "musrenbang-demo" }),
  });
  const { csrfToken } = await json<{ csrfToken: string }>(response, "sign-in as admin.bappeda");
  const setCookie = response.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(";")[0]!;
  return { cookie, csrf: csrfToken };
}

export function sessionHeaders(session: Session): Record<string, string> {
  return { cookie: session.cookie, "x-csrf-token": session.csrf, "content-type": "application/json" };
}

export interface Caller {
  name: string;
  scopeCode: string;
  token: string;
  /** The address this caller sends as CF-Connecting-IP (one per village office / kecamatan office). */
  address: string;
}

/** API tokens created by Bappeda through POST /api/v1/tokens, as a kabupaten would hand them out. */
export async function createTokens(base: string, session: Session, role: "village_operator" | "district_verifier", scopes: readonly string[], label: string, parallel = 8): Promise<Caller[]> {
  const callers: Caller[] = new Array(scopes.length);
  let next = 0;
  const keepAlive = agent(parallel);
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < scopes.length; i = next++) {
        const scopeCode = scopes[i]!;
        const created = await json<{ token: string }>(
          await http(base, "POST", "/api/v1/tokens", {
            headers: sessionHeaders(session),
            body: JSON.stringify({ name: `${label} ${role} ${scopeCode}`, role, scopeCode, expiresInDays: 7 }),
            agent: keepAlive,
          }),
          `token for ${scopeCode}`,
        );
        callers[i] = { name: `${role} ${scopeCode}`, scopeCode, token: created.token, address: addressFor(scopeCode) };
      }
    }),
  );
  keepAlive.destroy();
  return callers;
}

/** A private address per region code, stable: 10.<kecamatan>.<desa hi>.<desa lo>. */
export function addressFor(code: string): string {
  const parts = code.split(".");
  const district = Number(parts[2] ?? 0);
  const village = Number(parts[3] ?? 0);
  return `10.${district % 256}.${Math.floor(village / 256) % 256}.${village % 256}`;
}

// ---------------------------------------------------------------------------------------------------- proposals

export interface Kabupaten {
  villages: DemoVillage[];
  districts: string[];
}

/** Lampung Selatan's villages and kecamatan, read from the same reference files the seed loads. */
export async function kabupaten(): Promise<Kabupaten> {
  const regions = regionRows(await readReferenceSources(projectRoot), [DEMO_KABUPATEN.regencyCode]);
  const villages = regions
    .filter((r) => r.level === "village" && r.code.startsWith(`${DEMO_KABUPATEN.regencyCode}.`))
    .map((r) => ({ code: r.code, name: r.name, districtCode: r.parentCode! }));
  return { villages, districts: [...new Set(villages.map((v) => v.districtCode))].sort() };
}

export interface Submission {
  /** Bench-wide number, also written into the proposal (description) so duplicates can be counted in D1. */
  n: number;
  villageCode: string;
  body: string;
  idempotencyKey: string;
}

/**
 * `count` proposal bodies written by the demo generator (shared/demo), each marked `[bench <tag> #n]` in its
 * description; `villageRank` is left out, the API numbers it. `evenly` deals them out over all villages in turn
 * (a kabupaten's Musrenbang season: every village sends its list), instead of the generator's skew where a few
 * villages write a hundred or more.
 */
export function submissions(villages: readonly DemoVillage[], count: number, tag: string, seed: number, options: { offset?: number; evenly?: boolean } = {}): Submission[] {
  const generated = generateDemoProposals(villages, { count, year: DEMO_KABUPATEN.year, seed });
  return generated.map((p, i) => {
    const n = (options.offset ?? 0) + i + 1;
    const villageCode = options.evenly ? villages[(i * 7919) % villages.length]!.code : p.villageCode;
    const input = {
      year: p.year,
      villageCode,
      problem: p.problem,
      activity: p.activity,
      description: `${p.description ?? "Usulan musrenbang desa"} [bench ${tag} #${n}]`,
      address: p.address,
      rt: p.rt,
      rw: p.rw,
      latitude: p.latitude,
      longitude: p.longitude,
      volume: p.volume,
      unit: p.unit,
      estimatedCost: p.estimatedCost,
      beneficiaryCount: p.beneficiaryCount,
      beneficiaryGroup: p.beneficiaryGroup,
      subActivityCode: p.subActivityCode,
    };
    return { n, villageCode, body: JSON.stringify(input), idempotencyKey: `bench-${tag}-${n}-${seed}` };
  });
}

/** Runs `worker(i)` for i in [0, n) on `concurrency` concurrent lanes; returns when all are done. */
export async function pool(n: number, concurrency: number, worker: (i: number, lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async (_, lane) => {
      for (let i = next++; i < n; i = next++) await worker(i, lane);
    }),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
