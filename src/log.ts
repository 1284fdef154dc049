import { pino } from 'pino';
import { redactNationalIds } from './domain/personal-data.js';

/** Structured JSON logs. Query strings and request bodies are never logged: they may hold what people typed. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'gjerde' },
  redact: ['req.headers.cookie', 'req.headers.authorization'],
});

/**
 * A request path as the log may hold it: a national identity number in it (`/avtaler/150704%2012397`,
 * in any of the ways people write one) is replaced, so that no number reaches the log.
 */
export function loggedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not percent-encoding after all: read as it is.
  }
  const redacted = redactNationalIds(decoded);
  return redacted === decoded ? path : redacted;
}
