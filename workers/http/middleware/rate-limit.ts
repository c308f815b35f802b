/**
 * Rate limits on the doors people and scripts knock on hardest: sign-in per address, submissions per account
 * and per address, public tracking lookups per address (codes can be guessed at). Over the limit: 429 with
 * Retry-After, before any work is done.
 */
import { createMiddleware } from "hono/factory";
import { clientAddress, type AppContext, type AppEnv } from "../context.ts";
import { Refusal } from "../../usecases/errors.ts";

const tooFast = new Refusal(429, "rate_limited", {
  id: "Terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar lalu coba lagi.",
  en: "Too many requests in a short time. Wait a moment and try again.",
});

async function refuseOver(c: AppContext, checks: readonly Promise<{ success: boolean }>[]): Promise<void> {
  const results = await Promise.all(checks);
  if (results.every((r) => r.success)) return;
  c.header("Retry-After", "60");
  throw tooFast;
}

export const signInRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await refuseOver(c, [c.env.SIGN_INS_PER_ADDRESS.limit({ key: clientAddress(c) })]);
  await next();
});

export const submissionRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get("principal");
  await refuseOver(c, [
    c.env.REQUESTS_PER_ADDRESS.limit({ key: `submit:${clientAddress(c)}` }),
    ...(principal ? [c.env.SUBMISSIONS_PER_ACCOUNT.limit({ key: principal.id })] : []),
  ]);
  await next();
});

export const trackingRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await refuseOver(c, [c.env.TRACKING_PER_ADDRESS.limit({ key: clientAddress(c) })]);
  await next();
});
