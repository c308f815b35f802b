/**
 * `npm run demo:agency`: a stand-in for Dinas PUPR's own system, next to `npm start`. It registers itself as
 * PUPR's webhook endpoint (through the API, as Bappeda would), checks every event's signature with the
 * Standard Webhooks reference library, and answers each new review task with a signed decision, so a
 * proposal goes from the village to "diterima" without a person at PUPR.
 * Options: BASE (default http://127.0.0.1:$PORT, PORT as for `npm start`, 8787), DEMO_AGENCY_PORT (8789),
 * DECISION (accepted). Anything that stops it (no server at BASE, a refused request) is one readable line, exit 1.
 */
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const base = (process.env.BASE ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`).replace(/\/+$/, "");
const port = Number(process.env.DEMO_AGENCY_PORT ?? 8789);
const agency = "18.01-pupr";
const decision = process.env.DECISION ?? "accepted";

/** A stop the user can act on: said in one line, without a stack trace. */
class Stop extends Error {}

async function reach(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(`${base}${path}`, init);
  } catch {
    throw new Stop(`Server Musrenbang Sync tidak menjawab di ${base}. Jalankan dulu \`npm start\` (PORT=... bila di port lain) atau beri alamatnya: BASE=http://127.0.0.1:8787 npm run demo:agency`);
  }
}

async function api(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await reach(path, init);
  if (!response.ok) throw new Stop(`${init.method ?? "GET"} ${base}${path} ditolak: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function register(): Promise<string> {
  const login = await reach("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin.bappeda", password: "musrenbang-demo" }),
  });
  if (!login.ok) throw new Stop(`Masuk sebagai admin.bappeda di ${base} gagal (HTTP ${login.status}): apakah itu server \`npm start\` dengan data demo?`);
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

console.log(`Sistem demo Dinas PUPR: mendaftar sebagai webhook PUPR di ${base} (sebagai admin.bappeda), memeriksa tanda tangan setiap peristiwa, dan menjawab setiap tugas telaah baru dengan keputusan "${decision}" yang ditandatangani.`);
let secret: string;
try {
  secret = await register();
} catch (error) {
  console.error(`✗ ${error instanceof Stop ? error.message : `Gagal mendaftar di ${base}: ${error instanceof Error ? error.message : String(error)}`}`);
  process.exit(1);
}
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
