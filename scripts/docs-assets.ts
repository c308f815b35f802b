/**
 * The Worker's static assets: the API reference's script, Scalar's standalone bundle at the version pinned in
 * package.json, copied from node_modules to dist/assets/docs/scalar.js. It is served as a static asset (free,
 * cached, 4.9 MB that the Worker's own bundle never carries). wrangler runs this as its build step before `dev`
 * and `deploy` (wrangler.toml [build]); the test config runs it too.
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ASSETS_DIR = "dist/assets";

export async function buildAssets(root: string): Promise<void> {
  // The package's `browser` entry; its exports map does not list it, so it is taken by path.
  const bundle = join(root, "node_modules/@scalar/api-reference/dist/browser/standalone.js");
  const target = join(root, ASSETS_DIR, "docs");
  await mkdir(target, { recursive: true });
  await copyFile(bundle, join(target, "scalar.js"));
  // The asset server sends these instead of the Worker's security headers.
  await writeFile(join(root, ASSETS_DIR, "_headers"), "/docs/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: same-origin\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAssets(join(import.meta.dirname, ".."));
