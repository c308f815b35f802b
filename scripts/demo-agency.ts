/**
 * `npm run demo:agency`: a stand-in for Dinas PUPR's own system, next to `npm start`. It registers itself as
 * PUPR's webhook endpoint (through the API, as Bappeda would), checks every event's signature with the
 * Standard Webhooks reference library, and answers each new review task with a signed decision, so a
 * proposal goes from the village to "diterima" without a person at PUPR.
 * Options: BASE (default http://127.0.0.1:8787), DEMO_AGENCY_PORT (8789), DECISION (accepted).
 */
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const base = process.env.BASE ?? "http://127.0.0.1:8787";
const port = Number(process.env.DEMO_AGENCY_PORT ?? 8789);
const agency = "18.01-pupr";
const decision = process.env.DECISION ?? "accepted";

async function api(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await fetch(`${base}${path}`, init);
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function register(): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin.bappeda", password: "musrenbang-demo" }),
  });
  if (!login.ok) throw new Error(`sign-in as admin.bappeda failed (${login.status}); is npm start running at ${base}?`);
  const headers = {
    cookie: login.headers.get("set-cookie")!.split(";")[0]!,
    "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken,
    "content-type": "application/json",
  };
  const { secret } = (await api(`/api/v1/agencies/${agency}/webhook-secrets`, { method: "POST", headers, body: JSON.stringify({ overlapHours: 1 }) })) as { secret: string };
  await api(`/api/v1/agencies/${agency}/webhooks`, {
    method: "POST",
    headers,
    body: JSON.stringify({ url: `http://127.0.0.1:${port}/events`, eventTypes: ["review_task.created", "review_task.due_soon", "review_task.escalated"] }),
  });
  return secret;
}

async function decide(webhook: Webhook, taskId: string): Promise<void> {
  const body = JSON.stringify({ taskId, decision, reviewerName: "Sistem internal Dinas PUPR (demo)" });
  const id = `msg_demo_${taskId}`;
  const now = new Date();
  const response = await fetch(`${base}/webhooks/agencies/${agency}/decisions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": webhook.sign(id, now, body),
    },
    body,
  });
  console.log(`  → keputusan "${decision}" untuk ${taskId}: HTTP ${response.status}`);
}

const secret = await register();
const webhook = new Webhook(secret);
createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    try {
      webhook.verify(body, request.headers as Record<string, string>);
    } catch {
      console.log(`✗ tanda tangan tidak sah (${request.headers["webhook-id"]}): ditolak`);
      response.writeHead(401).end();
      return;
    }
    const event = JSON.parse(body) as { type: string; data: { taskId: string; proposal?: { trackingCode: string; activity: string } } };
    console.log(`✓ ${event.type} ${event.data.taskId} ${event.data.proposal ? `${event.data.proposal.trackingCode} "${event.data.proposal.activity}"` : ""}`);
    response.writeHead(200).end("ok");
    if (event.type === "review_task.created") void decide(webhook, event.data.taskId).catch((error: unknown) => console.error(error));
  });
}).listen(port, "127.0.0.1", () => console.log(`Sistem demo Dinas PUPR mendengarkan di http://127.0.0.1:${port}/events (Ctrl-C untuk berhenti)`));
