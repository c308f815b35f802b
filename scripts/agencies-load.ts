/**
 * `npm run agencies:load -- opd.csv --kabupaten 32.04 [--remote] [--persist-to DIR]`: makes the kabupaten's
 * agencies exactly the CSV's rows (columns singkatan, nama, bidang_program), checked as `PUT /api/v1/agencies`
 * checks them and written by the same statements, in one `wrangler d1 execute --file`: all rows or none. Agencies
 * left out stay, inactive, with their review tasks; the command says which and how many open tasks each holds.
 */
import { parseArgs } from "node:util";
import { agencyId } from "../shared/agencies/agencies.ts";
import { readAgencyFile } from "./reference-sources.ts";
import { executeStatements } from "./seed.ts";
import { agencyStatements } from "./seed-plan.ts";
import { d1Query, projectRoot, type D1Target } from "./wrangler.ts";
import { sqlLiteral } from "../shared/db/upsert-sql.ts";

async function loadAgencies(file: string, regencyCode: string, target: D1Target) {
  if (!/^\d{2}\.\d{2}$/.test(regencyCode)) throw new Error(`--kabupaten harus kode kabupaten/kota seperti 32.04, bukan "${regencyCode}"`);
  const list = readAgencyFile(projectRoot, file);
  const code = sqlLiteral(regencyCode);
  const [regency] = await d1Query<{ name: string }>(target, `SELECT name FROM regions WHERE code = ${code} AND level = 'regency'`);
  if (!regency) throw new Error(`kabupaten ${regencyCode} belum ada di basis data: jalankan dulu npm run seed -- --kabupaten ${regencyCode}${target.remote ? " --remote" : ""}`);
  const current = await d1Query<{ id: string; short_name: string; open_tasks: number }>(
    target,
    `SELECT a.id, a.short_name, (SELECT count(*) FROM review_tasks t WHERE t.agency_id = a.id AND t.status IN ('open', 'claimed')) AS open_tasks
     FROM agencies a WHERE a.regency_code = ${code} AND a.active = 1`,
  );
  const ids = new Set(list.map((a) => agencyId(regencyCode, a.shortName)));
  const summary = {
    agencies: list.length,
    responsibilities: list.reduce((n, a) => n + a.codePrefixes.length, 0),
    added: [...ids].filter((id) => !current.some((a) => a.id === id)),
    deactivated: current.filter((a) => !ids.has(a.id)).map((a) => ({ id: a.id, shortName: a.short_name, openTasks: a.open_tasks })),
  };
  await executeStatements(target, agencyStatements(regencyCode, list, "cli:agencies-load", summary), "agencies");
  return { regencyName: regency.name, ...summary };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { kabupaten: { type: "string" }, remote: { type: "boolean", default: false }, "persist-to": { type: "string" } },
});
const [file] = positionals;
if (!file || !values.kabupaten) {
  console.error("pakai: npm run agencies:load -- opd.csv --kabupaten 32.04 [--remote]");
  process.exit(2);
}
try {
  const result = await loadAgencies(file, values.kabupaten, { remote: values.remote, persistTo: values["persist-to"] });
  console.log(`${result.regencyName}: ${result.agencies} OPD, ${result.responsibilities} kode bidang/program dimuat (${values.remote ? "remote" : "lokal"}).`);
  if (result.added.length) console.log(`OPD baru: ${result.added.join(", ")}`);
  for (const a of result.deactivated) {
    console.log(`Tidak lagi tercantum, dinonaktifkan: ${a.shortName} (${a.openTasks} tugas telaah terbuka tetap padanya; usulan baru tidak lagi diarahkan kepadanya)`);
  }
} catch (error) {
  console.error(`agencies:load gagal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
