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
  /** Local accounts (`GJERDE_ACCOUNTS`), in the data folder beside the repository, never inside it. */
  accountsFile: string;
  /** Reading and lookup without signing in (`GJERDE_ANONYMOUS_READ=1`), for an internal network only. */
  anonymousRead: boolean;
  /** Express's `trust proxy` (`GJERDE_TRUST_PROXY`): behind a TLS proxy, cookies are marked Secure. */
  trustProxy?: string;
  /** Signs the session cookie (`GJERDE_SESSION_SECRET`); random for each start when not set. */
  sessionSecret?: string;
}

/** Settings from the environment; documented in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got «${env.PORT}»`);
  const dataDir = resolve(env.GJERDE_DATA ?? join(projectRoot, 'data', 'store'));
  const trustProxy = env.GJERDE_TRUST_PROXY?.trim();
  return {
    dataDir,
    accountsFile: resolve(env.GJERDE_ACCOUNTS ?? join(dirname(dataDir), 'accounts.json')),
    anonymousRead: flag(env, 'GJERDE_ANONYMOUS_READ'),
    ...(trustProxy ? { trustProxy } : {}),
    ...(env.GJERDE_SESSION_SECRET ? { sessionSecret: env.GJERDE_SESSION_SECRET } : {}),
    examplesDir: resolve(env.GJERDE_EXAMPLES ?? join(projectRoot, 'agreements')),
    templatesDir: resolve(env.GJERDE_TEMPLATES ?? join(projectRoot, 'templates')),
    viewsDir: join(projectRoot, 'views'),
    publicDir: join(projectRoot, 'public'),
    port,
    host: env.HOST ?? '127.0.0.1',
    ...syncConfig(env),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false'].includes(value))
    throw new Error(`${name} must be 1 or 0, got «${env[name]}»`);
  return value === '1' || value === 'true';
}

function syncConfig(env: NodeJS.ProcessEnv): Pick<Config, 'readOnly' | 'sync' | 'webhookSecret'> {
  const readOnly = flag(env, 'GJERDE_READONLY');
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
