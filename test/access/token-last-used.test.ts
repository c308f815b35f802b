/** A token's last use is recorded (Bappeda tells a live integration from a forgotten one), at most once a minute. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../shared/access/bytes.ts";
import { call, tokenCaller, DEMO } from "../support/principals.ts";

/** The write happens after the answer (waitUntil): wait for it a little. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}

describe("API token last use", () => {
  it("is written on use, and not again within the minute", async () => {
    const caller = await tokenCaller("integration", DEMO.regency, DEMO.agency);
    const hash = await sha256Hex(caller.headers.authorization!.replace(/^Bearer /, ""));
    const read = () => env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE token_hash = ?").bind(hash).first<string | null>("last_used_at");
    expect(await read()).toBeNull();

    const started = Date.now();
    expect((await call("/api/v1/auth/me", { headers: caller.headers })).status).toBe(200);
    const first = await eventually(read, (value) => value !== null);
    expect(first).not.toBeNull();
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(started - 1000);

    expect((await call("/api/v1/auth/me", { headers: caller.headers })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await read()).toBe(first);

    // An hour-old mark is renewed by the next use.
    await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?").bind(new Date(Date.now() - 3_600_000).toISOString(), hash).run();
    expect((await call("/api/v1/auth/me", { headers: caller.headers })).status).toBe(200);
    const renewed = await eventually(read, (value) => value !== null && Date.parse(value) >= started - 1000);
    expect(Date.parse(renewed!)).toBeGreaterThanOrEqual(started - 1000);
  });
});
