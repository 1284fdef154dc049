import { pino } from 'pino';

/** Structured JSON logs. Query strings and request bodies are never logged: they may hold what people typed. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'gjerde' },
  redact: ['req.headers.cookie', 'req.headers.authorization'],
});
