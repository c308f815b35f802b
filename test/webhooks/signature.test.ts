import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_SECONDS, RETRY_BASE_DELAY_CAP_SECONDS, retryDelaySeconds } from "../../shared/webhooks/backoff.ts";
import {
  generateWebhookSecret,
  isValidWebhookSecret,
  parseWebhookSecret,
  signWebhook,
  verifyWebhook,
  WebhookSecretError,
  webhookHeaders,
} from "../../shared/webhooks/signature.ts";

// Known-answer vector published with the Standard Webhooks / Svix reference implementations.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

const body = JSON.stringify({ taskId: "tsk_01", decision: "approved", reviewer: "Siti Rahmawati", reason: "Sesuai Renja Dinas PU" });

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Signs with the reference library, as an agency's system would. */
function librarySign(secret: string, id: string, timestamp: number, payload: string): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": new Webhook(secret).sign(id, new Date(timestamp * 1000), payload),
  };
}

describe("webhook secrets", () => {
  it("generates whsec_ secrets of 32 random bytes that the reference library accepts", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(parseWebhookSecret(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(parseWebhookSecret(generateWebhookSecret(24))).toHaveLength(24);
    expect(parseWebhookSecret(generateWebhookSecret(64))).toHaveLength(64);
    expect(() => generateWebhookSecret(16)).toThrow(RangeError);
    expect(() => generateWebhookSecret(65)).toThrow(RangeError);
  });

  it("refuses malformed secrets with a clear error that does not echo the secret", () => {
    const bytes = (length: number) => btoa("x".repeat(length));
    const malformed: Array<[string, RegExp]> = [
      ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", /diawali "whsec_"/],
      ["", /diawali "whsec_"/],
      ["whsec_", /24-64 byte/],
      ["whsec_not*base64!", /bukan base64/],
      ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", /bukan base64/],
      [`whsec_${bytes(16)}`, /kunci 16 byte, harus 24-64 byte/],
      [`whsec_${bytes(65)}`, /kunci 65 byte/],
    ];
    for (const [secret, message] of malformed) {
      expect(isValidWebhookSecret(secret)).toBe(false);
      let error: unknown;
      try {
        parseWebhookSecret(secret);
      } catch (caught) {
        error = caught;
      }
      expect(error, secret).toBeInstanceOf(WebhookSecretError);
      expect((error as Error).message).toMatch(message);
      if (secret.length > 6) expect((error as Error).message).not.toContain(secret.slice(6));
    }
    expect(isValidWebhookSecret(VECTOR.secret)).toBe(true);
  });

  it("treats a missing secret (an unset variable) as malformed configuration, by name", () => {
    for (const missing of [undefined, null, 42]) {
      expect(() => parseWebhookSecret(missing as unknown as string)).toThrow(WebhookSecretError);
      expect(isValidWebhookSecret(missing as unknown as string)).toBe(false);
    }
    expect(() => parseWebhookSecret("")).toThrow(expect.objectContaining({ name: "WebhookSecretError" }));
    expect(() => generateWebhookSecret(16)).toThrow("Panjang secret webhook harus 24-64 byte, bukan 16");
  });

  it("makes a malformed secret of ours fail loudly in signing and verification, not as a bad signature", async () => {
    await expect(signWebhook("whsec_short", { id: "msg_1", timestamp: nowSeconds(), body })).rejects.toBeInstanceOf(WebhookSecretError);
    const headers = librarySign(VECTOR.secret, "msg_1", nowSeconds(), body);
    await expect(verifyWebhook([VECTOR.secret, "not-a-secret"], headers, body)).rejects.toBeInstanceOf(WebhookSecretError);
  });
});

describe("signWebhook", () => {
  it("reproduces the published known-answer vector, as does the reference library", async () => {
    expect(await signWebhook(VECTOR.secret, VECTOR)).toBe(VECTOR.signature);
    expect(new Webhook(VECTOR.secret).sign(VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.body)).toBe(VECTOR.signature);
  });

  it("signs a string body and its UTF-8 bytes identically", async () => {
    const text = '{"nama":"Pembangunan jalan usaha tani — Desa Way Urang"}';
    const message = { id: "msg_utf8", timestamp: VECTOR.timestamp };
    expect(await signWebhook(VECTOR.secret, { ...message, body: new TextEncoder().encode(text) })).toBe(
      await signWebhook(VECTOR.secret, { ...message, body: text }),
    );
  });

  it("refuses an empty id or a non-integer timestamp", async () => {
    await expect(signWebhook(VECTOR.secret, { id: "", timestamp: 1, body })).rejects.toThrow(TypeError);
    await expect(signWebhook(VECTOR.secret, { id: "msg", timestamp: 1.5, body })).rejects.toThrow(TypeError);
    await expect(signWebhook(VECTOR.secret, { id: "msg", timestamp: -1, body })).rejects.toThrow("webhook-timestamp harus detik Unix bulat, bukan -1");
    await expect(signWebhook(VECTOR.secret, { id: undefined as unknown as string, timestamp: 1, body })).rejects.toThrow("webhook-id tidak boleh kosong");
  });

  it("signs and verifies at the Unix epoch itself (timestamp 0 is a timestamp)", async () => {
    const headers = await webhookHeaders(VECTOR.secret, "msg_epoch", 0, body);
    expect(headers["webhook-timestamp"]).toBe("0");
    expect(await verifyWebhook([VECTOR.secret], headers, body, { now: 0 })).toMatchObject({ ok: true, timestamp: 0 });
  });
});

describe("interoperability with the standardwebhooks reference library", () => {
  it("verifies what the library signs (Headers object and plain record)", async () => {
    const secret = generateWebhookSecret();
    const timestamp = nowSeconds();
    const headers = librarySign(secret, "msg_from_agency", timestamp, body);
    const expected = { ok: true, id: "msg_from_agency", timestamp, secretIndex: 0 };
    expect(await verifyWebhook([secret], headers, body)).toEqual(expected);
    expect(await verifyWebhook([secret], new Headers(headers), body)).toEqual(expected);
    const request = new Request("https://sync.example/webhooks/agencies/dpupr/decisions", { method: "POST", headers, body });
    expect(await verifyWebhook([secret], request.headers, await request.text())).toEqual(expected);
  });

  it("produces headers the library verifies", async () => {
    const secret = generateWebhookSecret();
    const headers = await webhookHeaders(secret, "msg_to_agency", nowSeconds(), body);
    expect(Object.keys(headers).sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("agrees with the library on a wrong secret", async () => {
    const headers = await webhookHeaders(generateWebhookSecret(), "msg_1", nowSeconds(), body);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    expect(await verifyWebhook([generateWebhookSecret()], headers, body)).toEqual({ ok: false, reason: "invalid_signature" });
  });
});

describe("verifyWebhook", () => {
  const secret = generateWebhookSecret();
  const now = 1_760_000_000;
  const signed = (timestamp = now, payload = body, id = "msg_2Tq") => webhookHeaders(secret, id, timestamp, payload);

  it("rejects a wrong secret", async () => {
    expect(await verifyWebhook([generateWebhookSecret()], await signed(), body, { now })).toEqual({ ok: false, reason: "invalid_signature" });
    expect(await verifyWebhook([], await signed(), body, { now })).toEqual({ ok: false, reason: "invalid_signature" });
  });

  it("accepts the old and the new secret during a rotation window, and neither after it", async () => {
    const oldSecret = secret;
    const newSecret = generateWebhookSecret();
    const rotating = [oldSecret, newSecret];
    const byOld = await webhookHeaders(oldSecret, "msg_old", now, body);
    const byNew = await webhookHeaders(newSecret, "msg_new", now, body);
    expect(await verifyWebhook(rotating, byOld, body, { now })).toMatchObject({ ok: true, secretIndex: 0 });
    expect(await verifyWebhook(rotating, byNew, body, { now })).toMatchObject({ ok: true, secretIndex: 1 });
    // After the window only the new secret remains.
    expect(await verifyWebhook([newSecret], byOld, body, { now })).toEqual({ ok: false, reason: "invalid_signature" });
  });

  it("signs outbound with both secrets while rotating, so a receiver holding either accepts it", async () => {
    const newSecret = generateWebhookSecret();
    const headers = await webhookHeaders([secret, newSecret], "msg_both", nowSeconds(), body);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(newSecret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(await verifyWebhook([newSecret], headers, body)).toMatchObject({ ok: true });
    await expect(webhookHeaders([], "msg", now, body)).rejects.toThrow(new WebhookSecretError("Tidak ada secret webhook untuk menandatangani"));
  });

  it("rejects stale and future timestamps beyond 5 minutes, accepts the edges", async () => {
    const outOfTolerance = { ok: false, reason: "timestamp_out_of_tolerance" };
    expect(await verifyWebhook([secret], await signed(now - 300), body, { now })).toMatchObject({ ok: true });
    expect(await verifyWebhook([secret], await signed(now + 300), body, { now })).toMatchObject({ ok: true });
    expect(await verifyWebhook([secret], await signed(now - 301), body, { now })).toEqual(outOfTolerance);
    expect(await verifyWebhook([secret], await signed(now + 301), body, { now })).toEqual(outOfTolerance);
    expect(await verifyWebhook([secret], await signed(now - 86_400), body, { now })).toEqual(outOfTolerance);
    expect(await verifyWebhook([secret], await signed(now - 60), body, { now, toleranceSeconds: 30 })).toEqual(outOfTolerance);
    // The real clock is the default: a delivery the library signed an hour ago is stale.
    const hourOld = librarySign(secret, "msg_old", nowSeconds() - 3600, body);
    expect(await verifyWebhook([secret], hourOld, body)).toEqual(outOfTolerance);
  });

  it("rejects timestamps that are not plain Unix seconds", async () => {
    for (const timestamp of ["abc", "1.5", "-5", "1e9", "0x10", "01760000000", "17600000000000000"]) {
      const headers = { ...(await signed()), "webhook-timestamp": timestamp };
      expect(await verifyWebhook([secret], headers, body, { now }), timestamp).toEqual({ ok: false, reason: "invalid_timestamp" });
    }
  });

  it("reports missing or empty headers", async () => {
    const headers = await signed();
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"] as const) {
      const { [name]: _removed, ...rest } = headers;
      expect(await verifyWebhook([secret], rest, body, { now }), name).toEqual({ ok: false, reason: "missing_headers" });
      expect(await verifyWebhook([secret], { ...headers, [name]: " " }, body, { now }), name).toEqual({ ok: false, reason: "missing_headers" });
    }
    expect(await verifyWebhook([secret], new Headers(), body, { now })).toEqual({ ok: false, reason: "missing_headers" });
  });

  it("matches header names case-insensitively in a plain record", async () => {
    const headers = await signed();
    const shouting = {
      "Webhook-Id": headers["webhook-id"],
      "WEBHOOK-TIMESTAMP": headers["webhook-timestamp"],
      "Webhook-Signature": headers["webhook-signature"],
    };
    expect(await verifyWebhook([secret], shouting, body, { now })).toMatchObject({ ok: true, id: "msg_2Tq" });
    const padded = { "Webhook-Id": ` ${headers["webhook-id"]} `, "Webhook-Timestamp": ` ${headers["webhook-timestamp"]}`, "Webhook-Signature": `${headers["webhook-signature"]} ` };
    expect(await verifyWebhook([secret], padded, body, { now })).toMatchObject({ ok: true, id: "msg_2Tq", timestamp: now });
  });

  it("takes a header given as undefined (as Node's header records do) for a missing one", async () => {
    const headers = await signed();
    const record = { "Webhook-Id": undefined, "webhook-timestamp": headers["webhook-timestamp"], "webhook-signature": headers["webhook-signature"] };
    expect(await verifyWebhook([secret], record, body, { now })).toEqual({ ok: false, reason: "missing_headers" });
  });

  it("accepts any valid v1 entry among several and ignores other versions and junk", async () => {
    const good = (await signed())["webhook-signature"];
    const other = await signWebhook(generateWebhookSecret(), { id: "msg_2Tq", timestamp: now, body });
    const goodValue = good.slice("v1,".length);
    const cases: Array<[string, boolean]> = [
      [`${other} ${good}`, true],
      [`${good} ${other}`, true],
      [`v1,not*base64 v1a,${goodValue} v1,AAAA ${good}`, true],
      [`v1a,${goodValue} ${good}`, true],
      [`v2,${goodValue}`, false],
      [`V1,${goodValue}`, false],
      [goodValue, false],
      [`${other} v1,${goodValue.slice(0, -4)}`, false],
      // Base64 as the spec writes it, padding included: the reference library compares the text too.
      [`v1,${goodValue.replace(/=+$/, "")}`, false],
    ];
    for (const [header, ok] of cases) {
      const result = await verifyWebhook([secret], { ...(await signed()), "webhook-signature": header }, body, { now });
      expect(result.ok, header).toBe(ok);
      if (!ok) expect(result).toEqual({ ok: false, reason: "invalid_signature" });
    }
  });

  it("rejects a tampered body, id or timestamp", async () => {
    const headers = await signed();
    const invalid = { ok: false, reason: "invalid_signature" };
    expect(await verifyWebhook([secret], headers, body.replace("approved", "rejected"), { now })).toEqual(invalid);
    expect(await verifyWebhook([secret], headers, `${body} `, { now })).toEqual(invalid);
    expect(await verifyWebhook([secret], headers, "", { now })).toEqual(invalid);
    expect(await verifyWebhook([secret], { ...headers, "webhook-id": "msg_other" }, body, { now })).toEqual(invalid);
    expect(await verifyWebhook([secret], { ...headers, "webhook-timestamp": String(now + 1) }, body, { now })).toEqual(invalid);
  });

  it("verifies a raw byte body like its text", async () => {
    const headers = await signed();
    expect(await verifyWebhook([secret], headers, new TextEncoder().encode(body), { now })).toMatchObject({ ok: true });
  });
});

describe("retryDelaySeconds", () => {
  it("follows 5s, 30s, 2m, 10m, 30m, 1h, 2h, ... without jitter, then stays capped", () => {
    const middle = () => 0.5;
    const schedule = Array.from({ length: 12 }, (_, index) => retryDelaySeconds(index + 1, middle));
    expect(schedule).toEqual([5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 36_000, 36_000, 36_000]);
    expect(retryDelaySeconds(1000, middle)).toBe(RETRY_BASE_DELAY_CAP_SECONDS);
  });

  it("jitters within +-20% and never exceeds the Queues maximum", () => {
    expect(retryDelaySeconds(1, () => 0)).toBe(4);
    expect(retryDelaySeconds(1, () => 0.999_999)).toBe(6);
    expect(retryDelaySeconds(6, () => 0)).toBe(2880);
    expect(retryDelaySeconds(6, () => 0.999_999)).toBe(4320);
    expect(retryDelaySeconds(50, () => 0.999_999)).toBe(MAX_RETRY_DELAY_SECONDS);
    for (let attempt = 1; attempt <= 15; attempt++) {
      const base = retryDelaySeconds(attempt, () => 0.5);
      for (let draw = 0; draw < 50; draw++) {
        const delay = retryDelaySeconds(attempt);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
        expect(delay).toBeLessThanOrEqual(Math.min(Math.ceil(base * 1.2), MAX_RETRY_DELAY_SECONDS));
      }
    }
  });

  it("keeps a broken random source inside the band and refuses nonsense attempts", () => {
    expect(retryDelaySeconds(2, () => 7)).toBe(36);
    expect(retryDelaySeconds(2, () => -3)).toBe(24);
    expect(retryDelaySeconds(2, () => Number.NaN)).toBe(30);
    for (const attempt of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => retryDelaySeconds(attempt), String(attempt)).toThrow(RangeError);
    }
  });
});
