/**
 * Sign-in throttling: after too many failures within a window an account (or an address) is refused until the
 * window ends. Pure: the caller loads and stores the counters.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: string;
}

export const THROTTLE_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES = { account: 5, address: 20 } as const;

/** Seconds until the caller may try again, or 0 when it may try now. */
export function retryAfterSeconds(state: ThrottleState | undefined, limit: number, now: Date): number {
  if (!state || state.failures < limit) return 0;
  const endsAt = Date.parse(state.windowStartedAt) + THROTTLE_WINDOW_SECONDS * 1000;
  return Math.max(0, Math.ceil((endsAt - now.getTime()) / 1000));
}

/** The counter after one more failure: a window that has ended starts again at 1. */
export function afterFailure(state: ThrottleState | undefined, now: Date): ThrottleState {
  const expired = !state || Date.parse(state.windowStartedAt) + THROTTLE_WINDOW_SECONDS * 1000 <= now.getTime();
  return expired ? { failures: 1, windowStartedAt: now.toISOString() } : { ...state, failures: state.failures + 1 };
}
