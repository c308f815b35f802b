// Retry schedule for outbound webhook deliveries: fast first retries for blips, then hours for real outages.

/** Delay after the n-th failed attempt (index 0 = after attempt 1), before jitter. */
export const RETRY_BASE_DELAYS_SECONDS: readonly number[] = [5, 30, 2 * 60, 10 * 60, 30 * 60, 60 * 60, 2 * 3600, 4 * 3600, 8 * 3600];
/** Later attempts keep this base delay; +20% jitter then lands exactly on the hard maximum. */
export const RETRY_BASE_DELAY_CAP_SECONDS = 10 * 3600;
/** Cloudflare Queues accept retry delays up to 12 hours; never ask for more. */
export const MAX_RETRY_DELAY_SECONDS = 12 * 3600;
export const RETRY_JITTER_RATIO = 0.2;

/**
 * Seconds to wait before retrying after failed attempt number `attempt` (1-based, as Queues'
 * `message.attempts`). Jitter of +-20% spreads retries so a recovering endpoint is not hit by every
 * delivery at once. `random` returns [0, 1) like Math.random; injectable for tests.
 */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`Nomor percobaan harus bilangan bulat >= 1, bukan ${attempt}`);
  const base = RETRY_BASE_DELAYS_SECONDS[attempt - 1] ?? RETRY_BASE_DELAY_CAP_SECONDS;
  // Clamp so a misbehaving random source cannot push the delay outside the +-20% band.
  const drawn = random();
  const unit = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 0.5;
  const jittered = base * (1 + (unit * 2 - 1) * RETRY_JITTER_RATIO);
  return Math.min(Math.max(Math.round(jittered), 1), MAX_RETRY_DELAY_SECONDS);
}
