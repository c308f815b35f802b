/**
 * Bodies are limited before they are read: routes anyone may call (sign-in, the signed inbound webhook) would
 * otherwise hold a whole 90 MB body in an isolate of 128 MB. The bodies here are streams that count what the
 * Worker pulls, so a limit that reads everything first and only then refuses fails the test.
 */
import { describe, expect, it } from "vitest";
import { DEMO, call, demoCallers } from "../support/principals.ts";

const CHUNK = 64 * 1024;
/** Streams pull a few chunks ahead of the reader; anything near this is "stopped at the limit". */
const READ_AHEAD = 4 * CHUNK;

/** A body of `total` bytes made on demand, and how many of them the Worker has pulled so far. */
function countingBody(total: number, fill = 0x61) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const size = Math.min(CHUNK, total - pulled);
      pulled += size;
      controller.enqueue(new Uint8Array(size).fill(fill));
    },
  });
  return { stream, pulled: () => pulled };
}

/** A JSON body whose `password` (or any string) runs for `total` bytes. */
function jsonWithHugeString(prefix: string, total: number) {
  const head = new TextEncoder().encode(prefix);
  const body = countingBody(total);
  const reader = body.stream.getReader();
  let sentHead = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHead) {
        sentHead = true;
        return controller.enqueue(head);
      }
      const { done, value } = await reader.read();
      if (done) {
        controller.enqueue(new TextEncoder().encode('"}'));
        return controller.close();
      }
      controller.enqueue(value);
    },
  });
  return { stream, pulled: body.pulled };
}

const send = (path: string, body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  call(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, duplex: "half" } as RequestInit);

const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe("request bodies are limited before they are read", () => {
  it("sign-in (API): a 40 MB password is refused with 413 after at most a few KB", async () => {
    const body = jsonWithHugeString('{"username":"admin.bappeda","password":"', 40 * 1024 * 1024);
    const response = await send("/api/v1/auth/login", body.stream, { "cf-connecting-ip": "198.18.7.1" });
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe("request_too_large");
    expect(body.pulled()).toBeLessThanOrEqual(8 * 1024 + READ_AHEAD);
  });

  it("sign-in (form): a 40 MB password is refused with 413 after at most a few KB", async () => {
    const body = countingBody(40 * 1024 * 1024);
    const response = await call("/masuk", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "198.18.7.2" }, body: body.stream, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(8 * 1024 + READ_AHEAD);
  });

  it("inbound webhook: a 90 MB body is refused with 413 after about 1 MB, signature or not", async () => {
    const body = countingBody(90 * 1024 * 1024);
    const response = await send(`/webhooks/agencies/${DEMO.agency}/decisions`, body.stream, { "webhook-id": "msg_huge", "webhook-timestamp": "1", "webhook-signature": "v1,AAAA" });
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe("request_too_large");
    expect(body.pulled()).toBeLessThanOrEqual(1024 * 1024 + READ_AHEAD);
  });

  it("refuses by Content-Length alone when the sender declares a body that is too large", async () => {
    const response = await call("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json", "content-length": String(40 * 1024 * 1024), "cf-connecting-ip": "198.18.7.3" }, body: "{}" });
    expect(response.status).toBe(413);
  });

  it("every other JSON API route takes at most 1 MB", async () => {
    const { planning_admin } = await demoCallers();
    const body = jsonWithHugeString('{"year":2027,"title":"', 8 * 1024 * 1024);
    const response = await send("/api/v1/forums", body.stream, planning_admin.headers);
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(1024 * 1024 + READ_AHEAD);
  });

  it("keeps ordinary bodies working: a wrong password is still 401, not 413", async () => {
    const response = await send("/api/v1/auth/login", JSON.stringify({ username: "admin.bappeda", password: "salah-sekali" }), { "cf-connecting-ip": "198.18.7.4" });
    expect(response.status).toBe(401);
  });
});
