/** `npm start`: migrations, reference and demo data, then `wrangler dev` on 127.0.0.1:$PORT (default 8787). */
import { seed } from "./seed.ts";
import { wrangler } from "./wrangler.ts";

const port = process.env.PORT ?? "8787";

try {
  await wrangler(["d1", "migrations", "apply", "DB", "--local"], { ci: true });
  await seed("--local");
  await wrangler(["dev", "--ip", "127.0.0.1", "--port", port, "--show-interactive-dev-session=false"]);
} catch (error) {
  console.error(`npm start gagal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
