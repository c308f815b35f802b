// Standard Webhooks (https://www.standardwebhooks.com) signing and verification with WebCrypto only,
// so the same code runs in the Workers runtime, in Node scripts and in tests.

export const WEBHOOK_SECRET_PREFIX = "whsec_";
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const SIGNATURE_VERSION = "v1";
const HMAC_SHA256_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Digits only, no leading zeros: the signed content must spell the timestamp exactly as the header does.
const TIMESTAMP = /^(?:0|[1-9]\d{0,14})$/;
const encoder = new TextEncoder();

export type WebhookHeaderName = "webhook-id" | "webhook-timestamp" | "webhook-signature";
export type WebhookHeaders = Record<WebhookHeaderName, string>;
/** A Fetch `Headers` object, or a plain record (header names matched case-insensitively). */
export type WebhookHeaderSource = Headers | Readonly<Record<string, string | undefined>>;

export type WebhookMessage = {
  /** Unique message id; receivers use it as the idempotency key. */
  id: string;
  /** Unix time in seconds. */
  timestamp: number;
  /** The exact bytes sent on the wire: a string is signed as UTF-8. */
  body: string | Uint8Array;
};

export type WebhookVerifyOptions = {
  /** Current Unix time in seconds; defaults to the clock. */
  now?: number;
  toleranceSeconds?: number;
};

export type WebhookVerifyFailure = "missing_headers" | "invalid_timestamp" | "timestamp_out_of_tolerance" | "invalid_signature";

export type WebhookVerifyResult =
  | {
      ok: true;
      id: string;
      timestamp: number;
      /** Which of the given secrets matched: shows when senders have stopped using a rotated-out secret. */
      secretIndex: number;
    }
  | { ok: false; reason: WebhookVerifyFailure };

/** Thrown for a secret that is not `whsec_` + base64 of 24-64 bytes: a configuration error, never a caller's fault. */
export class WebhookSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSecretError";
  }
}

export function generateWebhookSecret(byteLength = 32): string {
  if (!Number.isInteger(byteLength) || byteLength < WEBHOOK_SECRET_MIN_BYTES || byteLength > WEBHOOK_SECRET_MAX_BYTES) {
    throw new RangeError(`Panjang secret webhook harus ${WEBHOOK_SECRET_MIN_BYTES}-${WEBHOOK_SECRET_MAX_BYTES} byte, bukan ${byteLength}`);
  }
  return WEBHOOK_SECRET_PREFIX + encodeBase64(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** Returns the raw key bytes of a `whsec_` secret; throws WebhookSecretError when it is malformed. */
export function parseWebhookSecret(secret: string): Uint8Array {
  // The message never includes the secret itself: it may end up in logs.
  if (typeof secret !== "string" || !secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
    throw new WebhookSecretError(`Secret webhook tidak sah: harus diawali "${WEBHOOK_SECRET_PREFIX}"`);
  }
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) throw new WebhookSecretError("Secret webhook tidak sah: bagian setelah whsec_ bukan base64");
  const key = decodeBase64(encoded);
  if (key === null || key.length < WEBHOOK_SECRET_MIN_BYTES || key.length > WEBHOOK_SECRET_MAX_BYTES) {
    throw new WebhookSecretError(
      `Secret webhook tidak sah: kunci ${key?.length ?? 0} byte, harus ${WEBHOOK_SECRET_MIN_BYTES}-${WEBHOOK_SECRET_MAX_BYTES} byte`,
    );
  }
  return key;
}

export function isValidWebhookSecret(secret: string): boolean {
  try {
    parseWebhookSecret(secret);
    return true;
  } catch {
    return false;
  }
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
export async function signWebhook(secret: string, message: WebhookMessage): Promise<string> {
  assertMessage(message);
  const mac = await hmac(await importKey(parseWebhookSecret(secret)), signedContent(message));
  return `${SIGNATURE_VERSION},${encodeBase64(mac)}`;
}

/**
 * The three headers for an outbound delivery. With several secrets (during a rotation window) the
 * signature header carries one `v1,` entry per secret, so receivers holding either secret accept it.
 */
export async function webhookHeaders(
  secret: string | readonly string[],
  id: string,
  timestamp: number,
  body: string | Uint8Array,
): Promise<WebhookHeaders> {
  const secrets = typeof secret === "string" ? [secret] : secret;
  if (secrets.length === 0) throw new WebhookSecretError("Tidak ada secret webhook untuk menandatangani");
  const signatures = await Promise.all(secrets.map((each) => signWebhook(each, { id, timestamp, body })));
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signatures.join(" ") };
}

/**
 * Verifies a delivery against any of the currently valid secrets (old and new during a rotation).
 * Throws WebhookSecretError only when one of OUR secrets is malformed; everything the sender controls
 * ends in `{ ok: false }`.
 */
export async function verifyWebhook(
  secrets: readonly string[],
  headers: WebhookHeaderSource,
  rawBody: string | Uint8Array,
  options: WebhookVerifyOptions = {},
): Promise<WebhookVerifyResult> {
  // Parse every secret up front so a broken configuration fails loudly instead of looking like a bad signature.
  const keys = secrets.map(parseWebhookSecret);

  const id = readHeader(headers, "webhook-id");
  const timestampHeader = readHeader(headers, "webhook-timestamp");
  const signatureHeader = readHeader(headers, "webhook-signature");
  if (!id || !timestampHeader || !signatureHeader) return { ok: false, reason: "missing_headers" };

  if (!TIMESTAMP.test(timestampHeader)) return { ok: false, reason: "invalid_timestamp" };
  const timestamp = Number(timestampHeader);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  // Both directions: a stale timestamp enables replays, a future one outlives the idempotency window.
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: "timestamp_out_of_tolerance" };

  const candidates = parseSignatures(signatureHeader);
  if (candidates.length === 0) return { ok: false, reason: "invalid_signature" };

  const content = signedContent({ id, timestamp, body: rawBody });
  for (const [secretIndex, key] of keys.entries()) {
    // One HMAC per secret, not per entry: a header stuffed with entries must not multiply our work.
    const expected = await hmac(await importKey(key), content);
    let matched = false;
    for (const candidate of candidates) matched = constantTimeEqual(expected, candidate) || matched;
    if (matched) return { ok: true, id, timestamp, secretIndex };
  }
  return { ok: false, reason: "invalid_signature" };
}

function assertMessage(message: WebhookMessage): void {
  if (typeof message.id !== "string" || message.id === "") throw new TypeError("webhook-id tidak boleh kosong");
  if (!Number.isSafeInteger(message.timestamp) || message.timestamp < 0) {
    throw new TypeError(`webhook-timestamp harus detik Unix bulat, bukan ${message.timestamp}`);
  }
}

function signedContent(message: WebhookMessage): Uint8Array {
  const prefix = encoder.encode(`${message.id}.${message.timestamp}.`);
  const body = typeof message.body === "string" ? encoder.encode(message.body) : message.body;
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix);
  content.set(body, prefix.length);
  return content;
}

function readHeader(headers: WebhookHeaderSource, name: WebhookHeaderName): string | undefined {
  // Duck-typed rather than instanceof: Headers from another realm (undici in Node scripts) must work too.
  if (isHeaders(headers)) return headers.get(name)?.trim() || undefined;
  const direct = headers[name];
  if (direct !== undefined) return direct.trim() || undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return value.trim() || undefined;
  }
  return undefined;
}

function isHeaders(headers: WebhookHeaderSource): headers is Headers {
  return typeof (headers as { get?: unknown }).get === "function";
}

/** The decoded `v1` signatures of a header; other versions and undecodable entries are ignored, per the spec. */
function parseSignatures(header: string): Uint8Array[] {
  const signatures: Uint8Array[] = [];
  for (const entry of header.split(" ")) {
    const comma = entry.indexOf(",");
    if (comma < 0 || entry.slice(0, comma) !== SIGNATURE_VERSION) continue;
    const encoded = entry.slice(comma + 1);
    if (!BASE64.test(encoded)) continue;
    const decoded = decodeBase64(encoded);
    if (decoded?.length === HMAC_SHA256_BYTES) signatures.push(decoded);
  }
  return signatures;
}

function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

async function hmac(key: CryptoKey, content: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, content));
}

/** Time depends only on the length, which is public (always 32 for HMAC-SHA256). */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeBase64(encoded: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
