/**
 * Meters every D1 query this isolate makes (the Worker's requests, queue consumers and workflow steps included),
 * from D1's own `meta.rows_read` / `meta.rows_written`: all of them go through D1DatabaseSession#_send of
 * workerd's D1 API. `onResult` sees each result; install once per test file.
 */
import { env } from "cloudflare:workers";

export interface D1Result {
  meta?: { rows_read?: number; rows_written?: number };
}

type Send = (...args: unknown[]) => Promise<unknown>;

export function meterD1(onResult: (result: D1Result) => void): void {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf((env.DB as unknown as { alwaysPrimarySession: object }).alwaysPrimarySession)) as { _send: Send };
  const send = proto._send;
  proto._send = async function (this: unknown, ...args: unknown[]) {
    const answer = await send.apply(this, args);
    for (const result of [answer].flat() as D1Result[]) onResult(result);
    return answer;
  };
}

/** Rows read by the D1 queries `work` causes (run nothing else meanwhile). */
export async function rowsReadBy(work: () => Promise<unknown>): Promise<number> {
  const before = meterTotals.rowsRead;
  await work();
  return meterTotals.rowsRead - before;
}

const meterTotals = { rowsRead: 0 };
let installed = false;
/** Installs the meter that `rowsReadBy` reads. */
export function installRowsMeter(): void {
  if (installed) return;
  installed = true;
  meterD1((r) => (meterTotals.rowsRead += r.meta?.rows_read ?? 0));
}
