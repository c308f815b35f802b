/**
 * A 5,000-row file: checked within the request, committed in the background (ProposalImport workflow) in one
 * atomic batch of about 30 statements, its progress on the import, and a second commit creating nothing.
 *
 * The workflow's lifecycle steps are mocked here (each would start 100 real ProposalLifecycle instances, and
 * local workerd keeps every one in memory: 5,000 do not fit a test run); import.test.ts starts real lifecycles for
 * a committed import, through the same startImported.
 */
import { introspectWorkflow } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { IMPORT_STEPS } from "../../shared/lifecycle/steps.ts";
import { ProposalImport } from "../../workers/workflows/proposal-import.ts";
import { tokenCaller, type Caller } from "../support/principals.ts";

const MALANG = "35.07";
const PANDANLANDUNG = "35.07.21.2012";
const HEADER = "bidang,no,jenis_kegiatan,data_eksisting,target_capaian,lokasi,volume_satuan,penerima_manfaat,waktu_pelaksanaan,biaya_rp,sumber_biaya,pola_pelaksanaan";
const WAGIR = ["Sumbersuko", "Mendalanwangi", "Sitirejo", "Parangargo", "Gondowangi", "Pandanrejo", "Petungsewu", "Sukodadi", "Sidorahayu", "Jedong", "Dalisodo", "Pandanlandung"];
const WORKS = ["Drainase", "Jalan Paving", "Gorong-gorong", "Talud", "Rabat Beton"];

const ROWS = 5000;
let admin: Caller;

beforeAll(async () => {
  await env.DB.batch(env.TEST_MALANG_REGIONS.map((s) => env.DB.prepare(s)));
  admin = await tokenCaller("planning_admin", MALANG, MALANG);
});

function bigFile(rows: number): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const desa = WAGIR[i % WAGIR.length];
    lines.push(`BIDANG PELAKSANAAN PEMBANGUNAN DESA,${i},${WORKS[i % WORKS.length]} RT ${(i % 40) + 1} RW ${(i % 9) + 1} ruas ${i},Jalan lingkungan rusak dan tergenang,,Desa ${desa} Kec. Wagir,${(i % 300) + 10} m,${(i % 500) + 20},3 Bulan,${(i % 90) * 1_000_000 + 25_000_000},APBD,Dinas Terkait`);
  }
  return lines.join("\n");
}

it("commits 5,000 rows in the background with progress, all at once, once", { timeout: 180_000 }, async () => {
  const form = new FormData();
  form.set("file", new File([bigFile(ROWS)], "du-rkpdesa-kabupaten.csv"));
  form.set("year", "2027");
  form.set("desa", PANDANLANDUNG);
  const uploaded = await exports.default.fetch("http://x/api/v1/imports", { method: "POST", headers: admin.headers, body: form });
  expect(uploaded.status).toBe(201);
  const checked = (await uploaded.json()) as { id: string; counts: Record<string, number>; ready: boolean };
  expect(checked.counts).toEqual({ rows: ROWS, create: ROWS, skip: 0, errors: 0, ambiguous: 0 });
  expect(checked.ready).toBe(true);

  // The instance the commit creates does nothing here (both its steps mocked): the test runs the workflow's run() itself.
  await using introspector = await introspectWorkflow(env.PROPOSAL_IMPORT);
  await introspector.modifyAll(async (m) => {
    await m.mockStepResult({ name: IMPORT_STEPS.write }, 0);
    await m.mockStepResult({ name: IMPORT_STEPS.start(0) }, null);
  });
  const committing = await exports.default.fetch(`http://x/api/v1/imports/${checked.id}/commit`, { method: "POST", headers: admin.headers });
  expect(committing.status).toBe(202);
  expect(((await committing.json()) as { status: string }).status).toBe("committing");

  // The page reads the same answer: its status and the proposals written so far, before and after each step.
  const seen: { status: string; written: number; step: string }[] = [];
  const look = async (step: string) => {
    const view = (await (await exports.default.fetch(`http://x/api/v1/imports/${checked.id}`, { headers: admin.headers })).json()) as { status: string; progress: { written: number; total: number } };
    expect(view.progress.total).toBe(ROWS);
    seen.push({ status: view.status, written: view.progress.written, step });
  };
  // The workflow's own run(), its steps executed for real one after the other; the lifecycle steps are mocked (see above).
  const workflow = Object.assign(Object.create(ProposalImport.prototype) as ProposalImport, { env });
  const asked: string[] = [];
  const step = {
    do: async (name: string, body: () => Promise<unknown>) => {
      asked.push(name);
      await look(`before ${name}`);
      const result = name.startsWith("start lifecycles") ? null : await body();
      await look(`after ${name}`);
      return result;
    },
  };
  const result = await workflow.run({ payload: { importId: checked.id, principal: { kind: "token", id: "tok_test", name: "Bappeda Malang", role: "planning_admin", regencyCode: MALANG, scopeCode: MALANG } }, timestamp: new Date(), instanceId: checked.id } as never, step as never);
  expect(result).toEqual({ written: ROWS, started: 0 });
  expect(asked).toEqual([IMPORT_STEPS.write, IMPORT_STEPS.start(0)]);
  // Never a partial write: before the write step nothing, after it everything.
  expect(seen.slice(0, 2)).toEqual([
    { status: "committing", written: 0, step: `before ${IMPORT_STEPS.write}` },
    { status: "committed", written: ROWS, step: `after ${IMPORT_STEPS.write}` },
  ]);
  // A retried write step (Cloudflare retries a step that failed after its batch) writes nothing again.
  expect(await workflow.run({ payload: { importId: checked.id, principal: { kind: "token", id: "tok_test", name: "x", role: "planning_admin", regencyCode: MALANG, scopeCode: MALANG } } } as never, step as never)).toEqual({ written: ROWS, started: 0 });

  const counts = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM proposals WHERE import_id = ?1) AS proposals,
            (SELECT count(*) FROM review_tasks t JOIN proposals p ON p.id = t.proposal_id WHERE p.import_id = ?1 AND t.kind = 'verification') AS tasks,
            (SELECT count(*) FROM proposal_recommendations r JOIN proposals p ON p.id = r.proposal_id WHERE p.import_id = ?1 AND r.level = 'desa') AS asked,
            (SELECT count(*) FROM audit_events WHERE action = 'proposal.submitted' AND json_extract(data, '$.importId') = ?1) AS audited,
            (SELECT count(DISTINCT village_code) FROM proposals WHERE import_id = ?1) AS villages,
            (SELECT count(*) FROM (SELECT village_code, count(DISTINCT village_rank) AS ranks, count(*) AS n FROM proposals WHERE import_id = ?1 GROUP BY village_code) WHERE ranks <> n) AS clashing_ranks`,
  )
    .bind(checked.id)
    .first();
  expect(counts).toEqual({ proposals: ROWS, tasks: ROWS, asked: ROWS, audited: ROWS, villages: 12, clashing_ranks: 0 });

  const again = await exports.default.fetch(`http://x/api/v1/imports/${checked.id}/commit`, { method: "POST", headers: admin.headers });
  expect(again.status).toBe(200);
  expect((await env.DB.prepare("SELECT count(*) AS n FROM proposals WHERE import_id = ?").bind(checked.id).first<{ n: number }>())!.n).toBe(ROWS);
});
