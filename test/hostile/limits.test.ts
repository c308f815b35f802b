import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, json, signIn } from "../support/principals.ts";

describe("limits and headers", () => {
  it("rate-limits sign-in per address: 30 a minute, then 429 with Retry-After", async () => {
    // The limiter counts per minute window: a run that crosses a window boundary starts again from a fresh address.
    let limited: Response | undefined;
    for (let attempt = 1; !limited; attempt++) {
      const address = `198.18.0.${76 + attempt}`;
      const window = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        statuses.push((await call("/api/v1/auth/login", json({ username: "verifikator.kalianda", password: DEMO_PASSWORD }, { "cf-connecting-ip": address }))).status);
      }
      expect(statuses.every((s) => s === 200)).toBe(true);
      const last = await call("/api/v1/auth/login", json({ username: "operator.wayurang", password: DEMO_PASSWORD }, { "cf-connecting-ip": address }));
      if (Math.floor(Date.now() / 60_000) === window || attempt === 3) limited = last;
    }
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    // 31 password checks in a row: more than the default 5 s when the machine is busy.
  }, 30_000);

  it("refuses a request body over the submission size limit with 413 before reading it", async () => {
    const session = await signIn("operator.wayurang", DEMO_PASSWORD);
    const huge = "x".repeat(52 * 1024 * 1024);
    const response = await call("/api/v1/proposals", { method: "POST", headers: { ...session.headers, "content-type": "application/json" }, body: huge });
    expect(response.status).toBe(413);
  });

  it("sends a strict CSP on pages and no-store to signed-in callers", async () => {
    const page = await call("/masuk");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const session = await signIn("operator.wayurang", DEMO_PASSWORD);
    const list = await call("/api/v1/proposals", { headers: { cookie: session.cookie } });
    expect(list.headers.get("cache-control")).toBe("no-store");
    const refused = await call("/api/v1/proposals/tidak-ada", { headers: { cookie: session.cookie } });
    expect(refused.status).toBe(404);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect((await call("/health")).headers.get("cache-control")).toBeNull();
  });

  it("refuses a cookie write without CSRF token as CSRF (403) even when its body cannot be read", async () => {
    const session = await signIn("operator.wayurang", DEMO_PASSWORD);
    const response = await call("/api/v1/proposals", { method: "POST", headers: { cookie: session.cookie, "content-type": "multipart/form-data; boundary=xyz" }, body: '{"year":"<script>"}' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
  });
});
