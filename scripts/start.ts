/**
 * `npm start`: migrations, reference and demo data, then `wrangler dev` on 127.0.0.1:$PORT (default 8787).
 * Once the Worker answers, the cron handler runs once so the demo proposals start their lifecycles.
 */
import { seed } from "./seed.ts";
import { wrangler } from "./wrangler.ts";

const port = process.env.PORT ?? "8787";
const base = `http://127.0.0.1:${port}`;

async function startDemoLifecycles(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) {
        await fetch(`${base}/__scheduled?cron=${encodeURIComponent("*/10 * * * *")}`);
        console.log(`Musrenbang Sync siap: ${base} (masuk: ${base}/masuk, API: ${base}/docs)`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error("wrangler dev did not answer /health within a minute");
}

try {
  await wrangler(["d1", "migrations", "apply", "DB", "--local"], { ci: true });
  await seed({ remote: false, kabupaten: [] });
  void startDemoLifecycles();
  await wrangler(["dev", "--ip", "127.0.0.1", "--port", port, "--test-scheduled", "--show-interactive-dev-session=false"]);
} catch (error) {
  console.error(`npm start gagal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
