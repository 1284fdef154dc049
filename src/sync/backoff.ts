/**
 * How long to wait before trying the remote again: doubling from `firstMs` after each failure in a row,
 * never above `maxMs`, with ±20 % jitter so instances that lost the remote together do not retry in step.
 */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Readonly<Backoff> = { firstMs: 1_000, maxMs: 5 * 60_000 };

export function retryDelay(failures: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, failures - 1), 30);
  const base = Math.min(backoff.maxMs, backoff.firstMs * 2 ** exponent);
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(backoff.maxMs, Math.max(1, jittered)));
}
