/**
 * `npm run demo:agency` without a server where it looks: it follows PORT (as `npm start` does) and BASE, and says
 * so in one readable line with exit 1, no stack trace (it used to crash with a fetch stack trace).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../scripts/wrangler.ts";

/** A port nothing listens on: taken from the system, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function runDemo(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { BASE: _base, PORT: _port, ...rest } = process.env;
    const child = spawn(join(projectRoot, "node_modules/.bin/node"), [join(projectRoot, "scripts/demo-agency.ts")], { env: { ...rest, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run demo:agency with no server there", () => {
  it("reads PORT, says what it does, and stops with one line", async () => {
    const port = await closedPort();
    const { code, stdout, stderr } = await runDemo({ PORT: String(port) });
    expect(code).toBe(1);
    expect(stdout).toContain(`http://127.0.0.1:${port}`);
    expect(stdout).toContain("menjawab setiap tugas telaah baru");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`tidak menjawab di http://127.0.0.1:${port}`);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("takes BASE over PORT", async () => {
    const port = await closedPort();
    const { code, stderr } = await runDemo({ PORT: "1", BASE: `http://localhost:${port}/` });
    expect(code).toBe(1);
    expect(stderr).toContain(`tidak menjawab di http://localhost:${port}.`);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
