/** Export snapshots and the expiring links to fetch them again. */
import { desc, eq } from "drizzle-orm";
import { constantTimeEqual, fromBase64, randomToken, toBase64Url } from "../../shared/access/bytes.ts";
import { renjaExports, signingKeys } from "../../shared/db/schema.ts";
import { nowIso, type Database } from "./database.ts";

export type ExportRow = typeof renjaExports.$inferSelect;

export const insertExport = (db: Database, row: ExportRow) => db.insert(renjaExports).values(row);

export async function findExport(db: Database, id: string) {
  return db.query.renjaExports.findFirst({ where: eq(renjaExports.id, id) });
}

/** A kabupaten's latest snapshots, newest first (the console's list of earlier exports). */
export async function exportsOf(db: Database, regencyCode: string, limit: number) {
  return db.select().from(renjaExports).where(eq(renjaExports.regencyCode, regencyCode)).orderBy(desc(renjaExports.createdAt)).limit(limit);
}

export const markExportReady = (db: Database, id: string, r2Key: string) => db.update(renjaExports).set({ status: "ready", r2Key, completedAt: nowIso() }).where(eq(renjaExports.id, id));

export const markExportFailed = (db: Database, id: string, error: string) => db.update(renjaExports).set({ status: "failed", error, completedAt: nowIso() }).where(eq(renjaExports.id, id));

/** Download links stay valid this long; a new one is issued each time the snapshot is looked at. */
export const LINK_SECONDS = 3600;

async function loadLinkKey(db: Database): Promise<CryptoKey> {
  const read = () => db.query.signingKeys.findFirst({ where: eq(signingKeys.name, "export-links") });
  let row = await read();
  if (!row) {
    // The first export of a database makes the key; two at once both insert, one wins, both read the winner.
    await db.insert(signingKeys).values({ name: "export-links", key: btoa(randomToken(32)) }).onConflictDoNothing();
    row = (await read())!;
  }
  return crypto.subtle.importKey("raw", fromBase64(row.key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** The key never rotates, so an isolate loads it once (and again after a failed load). */
let linkKeyOnce: Promise<CryptoKey> | undefined;
function linkKey(db: Database): Promise<CryptoKey> {
  linkKeyOnce ??= loadLinkKey(db).catch((error: unknown) => {
    linkKeyOnce = undefined;
    throw error;
  });
  return linkKeyOnce;
}

async function signature(db: Database, exportId: string, expires: number): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await linkKey(db), new TextEncoder().encode(`${exportId}.${expires}`));
  return toBase64Url(new Uint8Array(mac));
}

export async function downloadLink(db: Database, exportId: string, now = Date.now()): Promise<{ url: string; expiresAt: string }> {
  const expires = Math.floor(now / 1000) + LINK_SECONDS;
  return { url: `/api/v1/exports/${exportId}/download?expires=${expires}&signature=${await signature(db, exportId, expires)}`, expiresAt: new Date(expires * 1000).toISOString() };
}

export async function linkValid(db: Database, exportId: string, expires: string | undefined, given: string | undefined): Promise<boolean> {
  const at = Number(expires);
  if (!given || !Number.isInteger(at) || at * 1000 < Date.now()) return false;
  const enc = new TextEncoder();
  return constantTimeEqual(enc.encode(await signature(db, exportId, at)), enc.encode(given));
}

export function exportFilename(row: Pick<ExportRow, "year" | "format" | "view" | "id">): string {
  return `renja-${row.view === "td4" ? "td4-" : ""}${row.year}-${row.id.slice(-8).toLowerCase()}.${row.format}`;
}
