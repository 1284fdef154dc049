import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncSettings } from './sync/sync.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  /** The data repository (a git repository of its own, never the project's). */
  dataDir: string;
  /** Example agreements with their history, replayed into an empty data repository. */
  examplesDir: string;
  templatesDir: string;
  viewsDir: string;
  publicDir: string;
  port: number;
  host: string;
  /** A read-only replica refuses every change (`GJERDE_READONLY=1`). */
  readOnly: boolean;
  /** Synchronization through a git remote, when `GJERDE_REMOTE` is set. */
  sync?: SyncSettings;
  /** Shared secret for the webhook `POST /api/sync`; the webhook is off without it. */
  webhookSecret?: string;
}

/** Settings from the environment; documented in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got «${env.PORT}»`);
  return {
    dataDir: resolve(env.GJERDE_DATA ?? join(projectRoot, 'data', 'store')),
    examplesDir: resolve(env.GJERDE_EXAMPLES ?? join(projectRoot, 'agreements')),
    templatesDir: resolve(env.GJERDE_TEMPLATES ?? join(projectRoot, 'templates')),
    viewsDir: join(projectRoot, 'views'),
    publicDir: join(projectRoot, 'public'),
    port,
    host: env.HOST ?? '127.0.0.1',
    ...syncConfig(env),
  };
}

function syncConfig(env: NodeJS.ProcessEnv): Pick<Config, 'readOnly' | 'sync' | 'webhookSecret'> {
  const flag = (env.GJERDE_READONLY ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false'].includes(flag))
    throw new Error(`GJERDE_READONLY must be 1 or 0, got «${env.GJERDE_READONLY}»`);
  const readOnly = flag === '1' || flag === 'true';
  const interval = Number(env.GJERDE_SYNC_INTERVAL ?? 60);
  if (!Number.isInteger(interval) || interval < 0 || interval > 86_400)
    throw new Error(`GJERDE_SYNC_INTERVAL must be whole seconds 0–86400, got «${env.GJERDE_SYNC_INTERVAL}»`);
  const secret = env.GJERDE_WEBHOOK_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 16)
    throw new Error('GJERDE_WEBHOOK_SECRET must be at least 16 characters');
  const remote = env.GJERDE_REMOTE?.trim();
  return {
    readOnly,
    ...(remote ? { sync: { remote, intervalSeconds: interval, readOnly } } : {}),
    ...(secret ? { webhookSecret: secret } : {}),
  };
}

export { projectRoot };
