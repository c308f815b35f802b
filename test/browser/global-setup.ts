/**
 * Global setup for the browser suite (vitest.browser.config.ts):
 * 1. makes sure Debian's Chromium is at /usr/bin/chromium, installing it with apt-get when missing (CI runs on a
 *    clean machine as root);
 * 2. starts the Worker with `wrangler dev` on a free port, with its own throwaway state directory holding the
 *    migrated schema, the reference data of Lampung and the demo kabupaten (the same seed as `npm start`);
 * 3. hands the base URL to the tests (`inject("baseUrl")`) and, at the end, stops wrangler and removes the state.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestProject } from "vitest/node";
import { describeCounts, executeStatements, plannedSeed } from "../../scripts/seed.ts";
import { offlineEnv, projectRoot, wrangler } from "../../scripts/wrangler.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the Worker under test answers, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
  }
}

export const CHROMIUM = "/usr/bin/chromium";
/** LibreOffice, to open exported XLSX files as Bappeda's staff would. */
export const SOFFICE = "/usr/bin/soffice";
/** Poppler's page renderer (and pdfinfo, pdftotext beside it), to look at the pages LibreOffice and the Worker print. */
export const PDFTOPPM = "/usr/bin/pdftoppm";

const log = (message: string) => console.log(`[browser setup] ${message}`);

/** Runs a command with its output shown; resolves on exit 0, rejects with the command line otherwise. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  log(`$ ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} gagal (exit ${code ?? signal})`)),
    );
  });
}

/** A program from Debian's packages, installed with apt-get when missing (CI runs on a clean machine as root). */
async function ensureDebianProgram(path: string, pkg: string): Promise<void> {
  if (existsSync(path)) return;
  log(`${path} tidak ada: memasang paket Debian "${pkg}" dengan apt-get`);
  if (process.getuid?.() !== 0) {
    throw new Error(`${path} tidak ada dan proses ini bukan root. Pasang dulu: sudo apt-get update && sudo apt-get install -y ${pkg}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["update"], env);
    await run("apt-get", ["install", "-y", pkg], env);
  } catch (error) {
    throw new Error(`${pkg} tidak bisa dipasang (${error instanceof Error ? error.message : String(error)}). Pasang manual: apt-get update && apt-get install -y ${pkg}`);
  }
  if (!existsSync(path)) throw new Error(`apt-get selesai tetapi ${path} tetap tidak ada`);
  log(`${pkg} terpasang (${path})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Migrations and seed into `persistTo`, the way `npm start` does it into .wrangler/state. */
async function prepareDatabase(persistTo: string): Promise<void> {
  const started = Date.now();
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], { ci: true, quiet: true });
  // Lampung's regions are enough for the demo kabupaten (the workerd suite does the same) and load in seconds.
  const plan = await plannedSeed({ remote: false, kabupaten: [], regionsUnder: ["18"] });
  await executeStatements({ remote: false, persistTo }, plan.statements, "browser-seed");
  log(`database siap dalam ${((Date.now() - started) / 1000).toFixed(1)} s: ${describeCounts(plan)}`);
}

/** Stops wrangler and everything it started (workerd runs as its child): the whole process group. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const killed = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
      resolve();
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(killed);
      resolve();
    });
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(killed);
      resolve();
    }
  });
}

async function startWorker(persistTo: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [
    join(projectRoot, "node_modules/wrangler/bin/wrangler.js"),
    "dev",
    "--ip", "127.0.0.1",
    "--port", String(port),
    "--inspector-port", String(inspectorPort),
    "--persist-to", persistTo,
    // /__scheduled, as under `npm start`: the local seams (e.g. a dead letter to replay) are sent there.
    "--test-scheduled",
    "--show-interactive-dev-session=false",
  ];
  log(`$ wrangler ${args.slice(1).join(" ")}`);
  // The same Node as this process (wrangler needs 22), its own process group so teardown can stop workerd too.
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...offlineEnv, CI: "true", PATH: `${dirname(process.execPath)}:${offlineEnv.PATH ?? ""}` },
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  if (process.env.BROWSER_TEST_DEBUG) {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wrangler dev berhenti sebelum siap (exit ${child.exitCode ?? child.signalCode}):\n${output.join("")}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return { child, baseUrl };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop(child);
  throw new Error(`wrangler dev tidak menjawab GET /health dalam 120 s. Keluarannya:\n${output.join("")}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  await ensureDebianProgram(CHROMIUM, "chromium");
  await ensureDebianProgram(SOFFICE, "libreoffice-calc-nogui");
  await ensureDebianProgram(PDFTOPPM, "poppler-utils");
  const persistTo = await mkdtemp(join(tmpdir(), "musrenbang-browser-state-"));
  let child: ChildProcess | undefined;
  try {
    await prepareDatabase(persistTo);
    const worker = await startWorker(persistTo);
    child = worker.child;
    project.provide("baseUrl", worker.baseUrl);
    log(`Worker siap di ${worker.baseUrl} (${((Date.now() - started) / 1000).toFixed(1)} s sejak mulai)`);
  } catch (error) {
    if (child) await stop(child);
    await rm(persistTo, { recursive: true, force: true });
    throw error;
  }
  const worker = child;
  return async () => {
    await stop(worker);
    await rm(persistTo, { recursive: true, force: true });
  };
}
