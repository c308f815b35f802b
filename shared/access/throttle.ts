/**
 * Sign-in throttling. Every attempt is counted before its password is checked, per account at one address and per
 * address, and refused while its window holds more than the limit, so parallel guesses cannot outrun the count.
 * An account's failures from all addresses never lock it: they only make each further attempt on it wait, so an
 * attacker with many addresses cannot keep its owner out. Pure: storage counts, these decide.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: string;
}

export const THROTTLE_WINDOW_SECONDS = 15 * 60;

/** Attempts let through per window: one address at one account, and one address at any accounts. */
export const MAX_FAILURES = { accountAtAddress: 5, address: 20 } as const;

/** From this many failures on an account (from any addresses) within the window, each attempt on it waits. */
export const SLOW_DOWN_AFTER = 5;
export const MAX_SLOW_DOWN_MS = 8_000;

/** The counters of one attempt: the account at this address, the address, and the account's failures. */
export function throttleKeys(username: string, address: string) {
  return { accountAtAddress: `account-address:${username}|${address}`, address: `address:${address}`, account: `account:${username}` };
}

/** Windows that started at or before this time have ended by `now`. */
export const windowsEndedBy = (now: Date) => new Date(now.getTime() - THROTTLE_WINDOW_SECONDS * 1000).toISOString();

const live = (state: ThrottleState | undefined, now: Date): state is ThrottleState => !!state && state.windowStartedAt > windowsEndedBy(now);

/** Seconds until the caller may try again, or 0 when it may try now. */
export function retryAfterSeconds(state: ThrottleState | undefined, limit: number, now: Date): number {
  if (!live(state, now) || state.failures < limit) return 0;
  const endsAt = Date.parse(state.windowStartedAt) + THROTTLE_WINDOW_SECONDS * 1000;
  return Math.max(0, Math.ceil((endsAt - now.getTime()) / 1000));
}

/** How long an attempt on an account waits: doubling from 1 s at SLOW_DOWN_AFTER failures, at most MAX_SLOW_DOWN_MS. */
export function slowDownMs(account: ThrottleState | undefined, now: Date): number {
  if (!live(account, now) || account.failures < SLOW_DOWN_AFTER) return 0;
  return Math.min(1000 * 2 ** (account.failures - SLOW_DOWN_AFTER), MAX_SLOW_DOWN_MS);
}
