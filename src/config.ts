import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClaimMapping, parseClaimMapping } from './accounts/claims.js';
import type { SyncSettings } from './sync/sync.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where sessions are kept (src/web/auth/session-store.ts): a file beside the data, or a shared Redis. */
export type SessionStoreSetting = { kind: 'sqlite'; file: string } | { kind: 'redis'; url: string };

/** Signing in through an OpenID Connect provider (src/web/auth/oidc.ts). */
export interface OidcSettings {
  /** The provider's issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Without it Gjerde is a public client, proven by PKCE alone (if the provider allows that). */
  clientSecret?: string;
  /** `<GJERDE_PUBLIC_URL>/logg-inn/oidc/tilbake`, registered at the provider. */
  redirectUri: string;
  scope: string;
  /** The provider's name on the sign-in button («Logg inn med ID-porten»). */
  label: string;
  mapping: ClaimMapping;
}

export interface Config {
  /** The data repository (a git repository of its own, never the project's). */
  dataDir: string;
  /** Example agreements with their history, replayed into an empty data repository. */
  examplesDir: string;
  templatesDir: string;
  viewsDir: string;
  publicDir: string;
  /** The table of repealed legal provisions that ships with Gjerde (used until the data repository has one). */
  legalTableFile: string;
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
  /**
   * Example agreements answer lookups even when the store has real ones (`GJERDE_LOOKUP_EXAMPLES=1`), for a
   * demonstration; by default they leave the lookup once a real agreement is there.
   */
  lookupExamples: boolean;
  /**
   * Whoever wrote or changed a text since its last approval may approve it too (`GJERDE_SELF_APPROVAL=1`).
   * Off by default: four eyes, another representative of the party approves (docs/security.md).
   */
  selfApproval: boolean;
  /**
   * The key every instance sharing a remote signs its approvals with and checks others' by
   * (`GJERDE_APPROVAL_KEY`, src/store/approval-signature.ts); without it only this instance's register of
   * approvals confirms one (docs/security.md).
   */
  approvalKey?: string;
  /** Express's `trust proxy` (`GJERDE_TRUST_PROXY`): behind a TLS proxy, cookies are marked Secure. */
  trustProxy?: string;
  /** Signs the session cookie (`GJERDE_SESSION_SECRET`); when not set, one kept in the SQLite session file. */
  sessionSecret?: string;
  /** Where sessions live (`GJERDE_SESSION_STORE`): an SQLite file beside the data (default) or Redis/Valkey. */
  sessionStore: SessionStoreSetting;
  /** Sign-in through OpenID Connect beside local accounts, when `GJERDE_OIDC_ISSUER` is set (docs/oidc.md). */
  oidc?: OidcSettings;
  /** The Chromium that prints PDF exports (`GJERDE_CHROMIUM`), started on the first export. */
  chromium: string;
  /** How much the log says (`LOG_LEVEL`); nothing in tests unless they ask. */
  logLevel: LogLevel;
  /** The `.gjerde` file the settings were read from, beneath the environment, if there was one. */
  settingsFile?: string;
}

export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * A settings file, `.gjerde`, in the working folder or the nearest folder above it: `NAME=value` lines with
 * the environment's names (`GJERDE_DATA=/srv/gjerde/store`), `#` comments. So the service and every `gjerde`
 * command run from that folder (the project, the data repository, an operator's folder) find the same data
 * repository without `GJERDE_DATA` on each command. The environment wins over the file; a relative path
 * in the file is relative to the file's folder.
 */
export const settingsFileName = '.gjerde';

const settingNames = /^(?:GJERDE_[A-Z_]+|PORT|HOST|LOG_LEVEL)$/;
const pathSettings = ['GJERDE_DATA', 'GJERDE_ACCOUNTS', 'GJERDE_EXAMPLES', 'GJERDE_TEMPLATES'];

export function findSettingsFile(from: string): string | undefined {
  for (let folder = resolve(from); ; folder = dirname(folder)) {
    const candidate = join(folder, settingsFileName);
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

/** The settings of a `.gjerde` file; a line that is not `NAME=value` with a known name stops the start. */
export function readSettingsFile(file: string): Record<string, string> {
  const settings: Record<string, string> = {};
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const match = /^([A-Z_]+)\s*=\s*(.*)$/.exec(line);
      if (!match || !settingNames.test(match[1] as string))
        throw new Error(
          `${file}, linje ${index + 1}: skriv NAVN=verdi med et navn fra README-ens tabell over innstillinger (f.eks. GJERDE_DATA=/srv/gjerde/data).`,
        );
      const [, name, quoted] = match as unknown as [string, string, string];
      const value = quoted.replace(/^(["'])(.*)\1$/, '$2');
      settings[name] =
        pathSettings.includes(name) && value && !isAbsolute(value) ? resolve(dirname(file), value) : value;
    });
  return settings;
}

/** The environment with the nearest `.gjerde` file's settings beneath it (the environment wins). */
export function environment(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): NodeJS.ProcessEnv {
  const file = findSettingsFile(cwd);
  return file ? { ...readSettingsFile(file), ...env, GJERDE_SETTINGS_FILE: file } : env;
}

/** Settings from the environment and a `.gjerde` file; documented in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = environment()): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got «${env.PORT}»`);
  const dataDir = resolve(env.GJERDE_DATA ?? join(projectRoot, 'data', 'store'));
  const trustProxy = env.GJERDE_TRUST_PROXY?.trim();
  return {
    dataDir,
    ...(env.GJERDE_SETTINGS_FILE ? { settingsFile: env.GJERDE_SETTINGS_FILE } : {}),
    accountsFile: resolve(env.GJERDE_ACCOUNTS ?? join(dirname(dataDir), 'accounts.json')),
    anonymousRead: flag(env, 'GJERDE_ANONYMOUS_READ'),
    lookupExamples: flag(env, 'GJERDE_LOOKUP_EXAMPLES'),
    selfApproval: flag(env, 'GJERDE_SELF_APPROVAL'),
    ...approvalKeyConfig(env),
    ...(trustProxy ? { trustProxy } : {}),
    ...(env.GJERDE_SESSION_SECRET ? { sessionSecret: env.GJERDE_SESSION_SECRET } : {}),
    sessionStore: sessionStoreConfig(env, dataDir),
    examplesDir: resolve(env.GJERDE_EXAMPLES ?? join(projectRoot, 'agreements')),
    templatesDir: resolve(env.GJERDE_TEMPLATES ?? join(projectRoot, 'templates')),
    viewsDir: join(projectRoot, 'views'),
    publicDir: join(projectRoot, 'public'),
    legalTableFile: join(projectRoot, 'reference', 'hjemler.yaml'),
    port,
    host: env.HOST ?? '127.0.0.1',
    chromium: env.GJERDE_CHROMIUM?.trim() || '/usr/bin/chromium',
    logLevel: logLevel(env),
    ...syncConfig(env),
    ...oidcConfig(env),
  };
}

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const value = env.LOG_LEVEL?.trim() || (env.NODE_ENV === 'test' ? 'silent' : 'info');
  if (!(logLevels as readonly string[]).includes(value))
    throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got «${env.LOG_LEVEL}»`);
  return value as LogLevel;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false'].includes(value))
    throw new Error(`${name} must be 1 or 0, got «${env[name]}»`);
  return value === '1' || value === 'true';
}

/** At least 32 characters, printable, no spaces at its ends: a key typed wrong would fail every approval. */
function approvalKeyConfig(env: NodeJS.ProcessEnv): Pick<Config, 'approvalKey'> {
  const key = env.GJERDE_APPROVAL_KEY;
  if (key === undefined || key === '') return {};
  if (key.length < 32 || key.trim() !== key || !/^[\x21-\x7e]+$/.test(key))
    throw new Error(
      'GJERDE_APPROVAL_KEY must be at least 32 printable characters without spaces (e.g. `openssl rand -hex 32`), the same on every instance',
    );
  return { approvalKey: key };
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

/**
 * `GJERDE_SESSION_STORE`: `sqlite` (the default: `sessions.db` beside the data repository), `sqlite:<file>`,
 * or a `redis://` / `rediss://` address of Redis or Valkey shared by several instances, which must then all
 * be given the same `GJERDE_SESSION_SECRET`.
 */
function sessionStoreConfig(env: NodeJS.ProcessEnv, dataDir: string): Config['sessionStore'] {
  const value = env.GJERDE_SESSION_STORE?.trim() || 'sqlite';
  if (value === 'sqlite') return { kind: 'sqlite', file: join(dirname(dataDir), 'sessions.db') };
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length)
    return { kind: 'sqlite', file: resolve(value.slice('sqlite:'.length)) };
  if (/^rediss?:\/\/./.test(value) && URL.canParse(value)) {
    if ((env.GJERDE_SESSION_SECRET ?? '').length < 32)
      throw new Error(
        'GJERDE_SESSION_STORE=redis://… needs GJERDE_SESSION_SECRET (at least 32 characters), the same on every instance',
      );
    return { kind: 'redis', url: value };
  }
  throw new Error(
    `GJERDE_SESSION_STORE must be sqlite, sqlite:<file> or a redis:// address, got «${value.replace(/\/\/[^@/]*@/, '//…@')}»`,
  );
}

/** The settings that mean nothing without `GJERDE_OIDC_ISSUER`, and those it cannot do without. */
const oidcOnly = [
  'GJERDE_OIDC_CLIENT_ID',
  'GJERDE_OIDC_CLIENT_SECRET',
  'GJERDE_OIDC_ROLES',
  'GJERDE_OIDC_LABEL',
  'GJERDE_OIDC_SCOPE',
];
const oidcRequired = ['GJERDE_OIDC_CLIENT_ID', 'GJERDE_OIDC_ROLES', 'GJERDE_PUBLIC_URL'];

/** Every setting is checked here, and the mapping file read, so a mistake stops the start, not a sign-in. */
function oidcConfig(env: NodeJS.ProcessEnv): Pick<Config, 'oidc'> {
  const value = (name: string) => env[name]?.trim() || undefined;
  const issuer = value('GJERDE_OIDC_ISSUER');
  if (!issuer) {
    const stray = oidcOnly.filter(value);
    if (stray.length > 0)
      throw new Error(
        `${stray.join(', ')} set without GJERDE_OIDC_ISSUER: set the issuer too, or remove them`,
      );
    return {};
  }
  const missing = oidcRequired.filter((name) => !value(name));
  if (missing.length > 0)
    throw new Error(`Sign-in with OpenID Connect (GJERDE_OIDC_ISSUER) also needs ${missing.join(', ')}`);
  const scope = value('GJERDE_OIDC_SCOPE') ?? 'openid profile email';
  if (!scope.split(/\s+/).includes('openid'))
    throw new Error(`GJERDE_OIDC_SCOPE must include "openid", got «${scope}»`);
  const publicUrl = webUrl('GJERDE_PUBLIC_URL', value('GJERDE_PUBLIC_URL') as string, { httpsOnly: false });
  const secret = value('GJERDE_OIDC_CLIENT_SECRET');
  return {
    oidc: {
      // The discovery document's own address works too; discovery then checks the issuer it names.
      issuer: webUrl('GJERDE_OIDC_ISSUER', issuer.replace(/\/\.well-known\/openid-configuration$/, ''), {
        httpsOnly: true,
      }),
      clientId: value('GJERDE_OIDC_CLIENT_ID') as string,
      ...(secret ? { clientSecret: secret } : {}),
      redirectUri: `${publicUrl.replace(/\/+$/, '')}/logg-inn/oidc/tilbake`,
      scope,
      label: value('GJERDE_OIDC_LABEL') ?? 'ID-porten',
      mapping: claimMapping(resolve(value('GJERDE_OIDC_ROLES') as string)),
    },
  };
}

/** An http(s) address without query or fragment; `httpsOnly` still lets a provider on this machine use http. */
function webUrl(name: string, value: string, { httpsOnly }: { httpsOnly: boolean }): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const local = url !== undefined && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const protocols = httpsOnly && !local ? ['https:'] : ['https:', 'http:'];
  if (!url || !protocols.includes(url.protocol) || url.search || url.hash)
    throw new Error(
      `${name} must be an ${httpsOnly ? 'https:// (http:// only on localhost)' : 'http(s)://'} address without query, got «${value}»`,
    );
  return url.href;
}

function claimMapping(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`GJERDE_OIDC_ROLES: cannot read ${path}: ${(error as Error).message}`);
  }
  return parseClaimMapping(text, `GJERDE_OIDC_ROLES (${path})`);
}

export { projectRoot };
