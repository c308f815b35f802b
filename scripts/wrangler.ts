/** Runs the project's own wrangler offline: no Request.cf download, no metrics, no prompts. */
import { spawn } from "node:child_process";
import { join } from "node:path";

export const projectRoot = join(import.meta.dirname, "..");

export const offlineEnv: NodeJS.ProcessEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
};

/**
 * Resolves when wrangler exits 0; rejects with the command line otherwise. `ci` answers prompts with their
 * defaults; `quiet` holds back wrangler's standard output unless it fails (d1 execute prints every result).
 */
export function wrangler(args: readonly string[], options: { ci?: boolean; quiet?: boolean } = {}): Promise<void> {
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
      if (code === 0) return resolve();
      process.stdout.write(Buffer.concat(held));
      reject(new Error(`wrangler ${args.join(" ")} gagal (exit ${code ?? signal})`));
    });
  });
}
