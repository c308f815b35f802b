/**
 * A stand-in for agencies' own systems, running in Node as the test Worker's outbound service: every fetch the
 * Worker makes lands here. Requests to https://opd.test verify our Standard Webhooks signature with the
 * `standardwebhooks` reference library, as a real agency would. Paths choose the behaviour:
 *   /ok?secret=whsec_...         200 when the signature verifies with that secret, 401 otherwise
 *   /flaky/<name>?fail=N&secret= 503 for the first N deliveries to <name>, then as /ok
 *   /down                        500 always
 *   /slow                        answers after 3 s (the tests set a shorter delivery timeout)
 *   /__log?path=<path>           what arrived at <path>, for assertions
 */
import { Webhook } from "standardwebhooks";

interface Received {
  path: string;
  id: string | null;
  verified: boolean;
  status: number;
  body: string;
}

const received: Received[] = [];
const failures = new Map<string, number>();

function verifies(secret: string | null, headers: Headers, body: string): boolean {
  if (!secret) return false;
  try {
    new Webhook(secret).verify(body, Object.fromEntries(headers));
    return true;
  } catch {
    return false;
  }
}

export async function agencyReceiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname !== "opd.test") return new Response(`no outbound network in tests: ${request.url}`, { status: 599 });
  if (url.pathname === "/__log") {
    return Response.json(received.filter((r) => r.path === url.searchParams.get("path")));
  }
  const body = await request.text();
  const verified = verifies(url.searchParams.get("secret"), request.headers, body);
  let status = verified ? 200 : 401;
  if (url.pathname.startsWith("/flaky/")) {
    const seen = failures.get(url.pathname) ?? 0;
    failures.set(url.pathname, seen + 1);
    if (seen < Number(url.searchParams.get("fail") ?? "1")) status = 503;
  } else if (url.pathname === "/down") status = 500;
  else if (url.pathname === "/slow") await new Promise((resolve) => setTimeout(resolve, 3000));
  received.push({ path: url.pathname, id: request.headers.get("webhook-id"), verified, status, body });
  return new Response(status === 200 ? "ok" : "no", { status });
}
