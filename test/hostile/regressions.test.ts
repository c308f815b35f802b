/**
 * Minimal reproductions of the bugs the hostile-input properties found, kept as regression tests: each failed
 * before its fix and states the behaviour expected since; the property that found it keeps the counterexample too.
 * File paths in the comments are where each bug was when it was found.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { proposalIn } from "../access/cases/proposals.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { PNG, proposalInput } from "../support/proposals.ts";
import { expectNoWrite, inspect, quietLifecycles, snapshot } from "./hostile.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

describe("bug 1: a body the runtime cannot parse as a form is a 500", () => {
  // c.req.parseBody() rejects with a TypeError from Response.formData(); app.tsx's onError maps only
  // HTTPException(400) to 400, so the TypeError becomes internal_error. Call sites: proposals.handlers.ts:37,
  // middleware/authenticate.ts:52 (any cookie-authenticated write without X-CSRF-Token), pages/session.tsx:37,
  // pages/proposals.tsx:99/141/164, pages/queues.tsx:90.
  it("POST /api/v1/proposals with `multipart/form-data` and no boundary answers 400, not 500", async () => {
    const before = await snapshot();
    const seen = await inspect(
      await call("/api/v1/proposals", { method: "POST", headers: { ...callers.village_operator.headers, "content-type": "multipart/form-data" }, body: "x" }),
      "api",
    );
    expect(seen.status).toBe(400);
    await expectNoWrite(seen, before);
  });

  it("POST /api/v1/proposals with a multipart part whose filename holds CR LF answers 4xx, not 500", async () => {
    await using _quiet = await quietLifecycles();
    const form = new FormData();
    form.set("proposal", JSON.stringify(proposalInput()));
    form.append("attachments", new File([PNG], "a\r\nb.png", { type: "image/png" }));
    const before = await snapshot();
    const seen = await inspect(await call("/api/v1/proposals", { method: "POST", headers: callers.village_operator.headers, body: form }), "api");
    expect(seen.status).toBeLessThan(500);
    await expectNoWrite(seen, before);
  });

  it("a cookie-authenticated write with a malformed multipart body answers 4xx (the CSRF check parses it first)", async () => {
    const session = await signIn("operator.wayurang", DEMO_PASSWORD);
    const response = await call("/api/v1/proposals", { method: "POST", headers: { cookie: session.cookie, "content-type": "multipart/form-data; boundary=xyz" }, body: "garbage" });
    expect(response.status).toBeLessThan(500);
  });

  it("POST /masuk with a malformed multipart body answers a 4xx page", async () => {
    const response = await call("/masuk", { method: "POST", headers: { "content-type": "multipart/form-data" }, body: "x" });
    expect(response.status).toBeLessThan(500);
  });
});

describe("bug 2: a search word over D1's 50-byte LIKE pattern limit is a 500", () => {
  // workers/storage/nomenclature.ts:8 builds `%${word}%` for every word; D1 refuses LIKE patterns over 50 bytes
  // ("LIKE or GLOB pattern too complex"). The schema allows q up to 100 characters (shared/schemas/reference.ts).
  it("GET /api/v1/sub-activities?q=<49 letters> answers 200 (or 422), not 500", async () => {
    const response = await call(`/api/v1/sub-activities?q=${"x".repeat(49)}`);
    expect(response.status).toBeLessThan(500);
  });

  it("GET /kode-kegiatan?q=<17 RTL overrides (51 bytes)> answers the page, not 500", async () => {
    const response = await call(`/kode-kegiatan?q=${encodeURIComponent("\u202e".repeat(17))}`);
    expect(response.status).toBe(200);
  });
});

describe("bug 3: text with a lone surrogate is accepted but stored as something else", () => {
  // valibot's v.string() accepts "\ud800"; the 201 echoes it; D1 stores the WTF-8 bytes ED A0 80 and reads them
  // back as "\ufffd\ufffd\ufffd". Every text field of shared/schemas/proposals.ts (and accounts, decisions).
  it("POST /api/v1/proposals with unit \"\\ud800\" is refused, or read back as accepted", async () => {
    await using _quiet = await quietLifecycles();
    const response = await call("/api/v1/proposals", json(proposalInput({ unit: "m\ud800" }), callers.village_operator.headers));
    if (response.status === 201) {
      const accepted = (await response.json()) as { id: string; unit: string };
      const stored = (await (await call(`/api/v1/proposals/${accepted.id}`, { headers: callers.village_operator.headers })).json()) as { unit: string };
      // Compared as JSON text: a lone surrogate in a failure message would break the test runner's socket.
      expect(JSON.stringify(stored.unit)).toBe(JSON.stringify(accepted.unit));
    } else {
      expect(response.status).toBe(422);
    }
  });
});

describe("bug 4: classification with the same code twice is a 500", () => {
  // workers/http/reviews/reviews.handlers.ts:classify inserts one proposal_classifications row per code; the
  // primary key (proposal_id, sub_activity_code) fails on a repeated code. ClassificationSchema does not dedupe.
  it("PUT /api/v1/proposals/{id}/classification {subActivityCodes:[c, c]} answers 200 or 422, not 500", async () => {
    const { id } = await proposalIn("in");
    const before = await snapshot();
    const seen = await inspect(
      await call(`/api/v1/proposals/${id}/classification`, { ...json({ subActivityCodes: ["1.03.06.2.01.0012", "1.03.06.2.01.0012"] }, callers.planning_admin.headers), method: "PUT" }),
      "api",
    );
    expect([200, 422]).toContain(seen.status);
    await expectNoWrite(seen, before);
  });
});

describe("bug 5: a triage 'route' with the same code twice is a 500 after the task is decided", () => {
  // workers/http/reviews/decide.ts: the decision batch (task decided + audit event) commits first; then the
  // classification batch fails on the repeated code (primary key), so the caller gets a 500 while the task is
  // already decided, the classification is not corrected and the lifecycle is never woken.
  it("POST /api/v1/reviews/{triage task}/decision {route, [c, c]} answers 201 or 422 and never half-decides", async () => {
    const { id } = await proposalIn("in");
    const taskId = `rvw_${randomToken(8)}`;
    await env.DB.prepare(
      `INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at)
       VALUES (?, ?, 'triage', NULL, ?, ?, 'open', '2026-03-01T00:00:00Z')`,
    )
      .bind(taskId, id, DEMO.regency, DEMO.regency)
      .run();
    const response = await call(`/api/v1/reviews/${taskId}/decision`, json({ decision: "route", subActivityCodes: ["1.03.06.2.01.0012", "1.03.06.2.01.0012"] }, callers.planning_admin.headers));
    const task = await env.DB.prepare("SELECT status FROM review_tasks WHERE id = ?").bind(taskId).first<string>("status");
    const classified = await env.DB.prepare("SELECT count(*) AS n FROM proposal_classifications WHERE proposal_id = ? AND source = 'corrected'").bind(id).first<number>("n");
    expect({ status: response.status, task, classified }).toSatisfy(
      (r: { status: number; task: string; classified: number }) => (r.status === 201 && r.task === "decided" && r.classified === 1) || (r.status === 422 && r.task === "open"),
    );
  });
});

describe("bug 6: the login form redirects off-site to /\\evil.example", () => {
  // workers/http/pages/session.tsx:21 safeNext allows "/\evil.example" (/^\/(?!\/)[^\s]*$/ only refuses "//");
  // browsers read a backslash as a slash, so the Location "/\evil.example" goes to https://evil.example/.
  it("POST /masuk with next=/\\evil.example redirects to this site", async () => {
    const page = await call("/masuk");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const response = await call("/masuk", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, username: "operator.wayurang", password: DEMO_PASSWORD, next: "/\\evil.example" }).toString(),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location")!, "https://musrenbang.test/masuk").origin).toBe("https://musrenbang.test");
  });
});
