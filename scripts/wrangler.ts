/** Runs the project's own wrangler offline: no Request.cf download, no metrics, no prompts. */
import { spawn } from "node:child_process";
import { join } from "node:path";

export const projectRoot = join(import.meta.dirname, "..");

export const offlineEnv: NodeJS.ProcessEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
};

/** Which D1 a command acts on: the deployed one, or the local one (in `persistTo`, default .wrangler/state). */
export interface D1Target {
  remote: boolean;
  persistTo?: string | undefined;
}

export const d1Target = (target: D1Target): string[] => (target.remote ? ["--remote"] : ["--local", ...(target.persistTo ? ["--persist-to", target.persistTo] : [])]);

/**
 * Resolves with wrangler's standard output when it exits 0; rejects with the command line otherwise. `ci` answers
 * prompts with their defaults; `quiet` holds back wrangler's standard output (d1 execute prints every result, d1
 * migrations apply a table per migration) and prints it only if wrangler fails.
 */
export function wrangler(args: readonly string[], options: { ci?: boolean; quiet?: boolean } = {}): Promise<string> {
  const bin = join(projectRoot, "node_modules/.bin/wrangler");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: projectRoot,
      stdio: ["inherit", options.quiet ? "pipe" : "inherit", "inherit"],
      env: options.ci ? { ...offlineEnv, CI: "true" } : offlineEnv,
    });
    const held: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => held.push(chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(held).toString());
      process.stdout.write(Buffer.concat(held));
      reject(new Error(`wrangler ${args.join(" ")} gagal (exit ${code ?? signal})`));
    });
  });
}

/** Rows of one SQL query (`wrangler d1 execute --json --command`). */
export async function d1Query<T = Record<string, unknown>>(target: D1Target, sql: string): Promise<T[]> {
  const out = await wrangler(["d1", "execute", "DB", ...d1Target(target), "--json", "--command", sql], { ci: true, quiet: true });
  return (JSON.parse(out) as { results: T[] }[]).flatMap((r) => r.results);
}
