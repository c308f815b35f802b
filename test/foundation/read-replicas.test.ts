/**
 * D1 read replication (Sessions API): which requests may read a replica, that every answer carries the bookmark
 * to come back with, and that a client sending it reads its own write. Locally there is one copy of the database,
 * so what is checked here is the wiring; the ordering guarantee is D1's.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sessionStart } from "../../workers/http/middleware/d1-sessions.ts";
import { call, demoCallers, json } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;
let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

describe("D1 sessions", () => {
  it("start public tracking, work lists and the export at any replica, every other request at the primary, and a caller's bookmark wins", () => {
    for (const path of ["/api/v1/tracking/USL-2027-ABCDEF", "/lacak/USL-2027-ABCDEF", "/api/v1/proposals", "/api/v1/agencies/18.01-pupr/reviews", "/api/v1/districts/18.01.06/verifications", "/api/v1/triage", "/api/v1/exports/renja"]) {
      expect([path, sessionStart("GET", path, undefined)]).toEqual([path, "first-unconstrained"]);
    }
    for (const [method, path] of [["POST", "/api/v1/proposals"], ["GET", "/api/v1/proposals/usl_1"], ["GET", "/api/v1/accounts"], ["GET", "/api/v1/auth/me"], ["POST", "/api/v1/reviews/t/decision"]]) {
      expect([path, sessionStart(method!, path!, undefined)]).toEqual([path, "first-primary"]);
    }
    const bookmark = "00000000-0000000e-00000000-00000000000000000000000000000000";
    expect(sessionStart("GET", "/api/v1/proposals", bookmark)).toBe(bookmark);
    // Anything else in the header is ignored, never handed to D1.
    expect(sessionStart("GET", "/api/v1/proposals", "first-primary'; DROP")).toBe("first-unconstrained");
  });

  it("answer a write with a bookmark; sent back, the next list shows what was written", async () => {
    const created = await call("/api/v1/proposals", json(proposalInput({ activity: "Pembangunan sumur bor RT 05" }), callers.village_operator.headers));
    expect(created.status).toBe(201);
    const bookmark = created.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(BOOKMARK);
    const { id } = (await created.json()) as { id: string };
    const listed = await call("/api/v1/proposals?limit=100", { headers: { ...callers.village_operator.headers, "x-d1-bookmark": bookmark! } });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { proposals: { id: string }[] }).proposals.map((p) => p.id)).toContain(id);
    expect(listed.headers.get("x-d1-bookmark")! >= bookmark!).toBe(true);
  });

  it("give browsers the bookmark as a cookie on pages, and take a malformed one without harm", async () => {
    const code = await env.DB.prepare("SELECT tracking_code FROM proposals LIMIT 1").first<string>("tracking_code");
    const page = await call(`/lacak/${code}`, { headers: { cookie: "d1_bookmark=not-a-bookmark" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toMatch(/^d1_bookmark=[0-9a-f-]{59}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const api = await call(`/api/v1/tracking/${code}`, { headers: { "x-d1-bookmark": "zzz" } });
    expect(api.status).toBe(200);
    expect(api.headers.get("set-cookie")).toBeNull();
    expect(api.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
  });
});
