import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import session, { type SessionData } from 'express-session';
import type { SessionStoreSetting } from '../../config.js';
import { log } from '../../log.js';

/**
 * Where sessions live, so that a restart signs nobody out and several instances behind one address share
 * a sign-in: an SQLite file beside the data repository (the default, no server; instances on one machine
 * may share it), or Redis/Valkey for instances on several machines. Chosen by `GJERDE_SESSION_STORE`.
 */

export interface SessionBackend {
  store: session.Store;
  /** Signs the session cookie; the same on every instance that shares the store. */
  secret: string;
  close(): Promise<void>;
}

/**
 * Opens the store. The cookie secret is `GJERDE_SESSION_SECRET` when given; with SQLite it is otherwise made
 * once and kept in the session file, so restarts and instances sharing the file agree on it. Redis needs
 * it given (config.ts insists): every instance must be started with the same one.
 */
export function openSessionStore(setting: SessionStoreSetting, secret?: string): SessionBackend {
  if (setting.kind === 'redis') return redisBackend(setting.url, secret as string);
  const store = new SqliteSessionStore(setting.file);
  return { store, secret: secret ?? store.keptSecret(), close: async () => store.close() };
}

/** Expired sessions are deleted this often (reads ignore them already). */
const purgeEveryMs = 15 * 60 * 1000;

/**
 * express-session's store interface over better-sqlite3: one row a session, its expiry from the cookie.
 * The well-known adapters either use the callback-heavy `sqlite3` package or are unmaintained; this is the
 * whole of it. There is no `touch`: the session is written when it changes, and `refreshSession` (session.ts)
 * changes it at most once every few minutes to move the expiry, so reading never writes.
 */
export class SqliteSessionStore extends session.Store {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly purging: NodeJS.Timeout;

  constructor(file: string) {
    super();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Readable by the service's user only, like the accounts file (SQLite gives its journal the same mode).
    closeSync(openSync(file, 'a', 0o600));
    this.db = new Database(file);
    // WAL: readers never wait for a writer, and several processes on this machine may share the file.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires);
      CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `);
    this.statements = {
      get: this.db.prepare<[string, number], { data: string }>(
        'SELECT data FROM sessions WHERE id = ? AND expires > ?',
      ),
      set: this.db.prepare<[string, string, number]>(
        'INSERT INTO sessions (id, data, expires) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires = excluded.expires',
      ),
      destroy: this.db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),
      purge: this.db.prepare<[number]>('DELETE FROM sessions WHERE expires <= ?'),
    };
    this.purging = setInterval(() => this.purge(), purgeEveryMs).unref();
  }

  override get(sid: string, callback: (error: unknown, data?: SessionData | null) => void): void {
    let data: SessionData | null;
    try {
      const row = this.statements.get.get(sid, Date.now());
      data = row ? (JSON.parse(row.data) as SessionData) : null;
    } catch (error) {
      process.nextTick(callback, error);
      return;
    }
    process.nextTick(callback, null, data);
  }

  override set(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    this.run(() => this.statements.set.run(sid, JSON.stringify(data), expiryOf(data)), callback);
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.run(() => this.statements.destroy.run(sid), callback);
  }

  /** The cookie secret kept in the file: made by the first process to ask, read by every later one. */
  keptSecret(): string {
    this.db
      .prepare("INSERT OR IGNORE INTO settings (name, value) VALUES ('cookie-secret', ?)")
      .run(randomBytes(32).toString('hex'));
    const row = this.db.prepare("SELECT value FROM settings WHERE name = 'cookie-secret'").get() as {
      value: string;
    };
    return row.value;
  }

  close(): void {
    clearInterval(this.purging);
    if (this.db.open) this.db.close();
  }

  private purge(): void {
    try {
      this.statements.purge.run(Date.now());
    } catch (error) {
      log.warn({ err: error }, 'Utløpte innlogginger kunne ikke slettes');
    }
  }

  /** The query runs at once; the callback later, as express-session expects of a store (it answers a request after). */
  private run(write: () => unknown, callback?: (error?: unknown) => void): void {
    let failure: unknown;
    try {
      write();
    } catch (error) {
      failure = error;
    }
    if (callback) process.nextTick(callback, failure);
  }
}

function expiryOf(data: SessionData): number {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires).getTime() : Date.now() + 24 * 60 * 60 * 1000;
}

const require = createRequire(import.meta.url);

function redisBackend(url: string, secret: string): SessionBackend {
  // Loaded only for a Redis store: the client is ≈20 MB of a process's memory the default store never uses.
  const { createClient } = require('redis') as typeof import('redis');
  const { RedisStore } = require('connect-redis') as typeof import('connect-redis');
  const client = createClient({ url });
  let reported = false;
  // An error event without a listener would end the process; the client reconnects by itself.
  client.on('error', (error: unknown) => {
    if (!reported) log.error({ err: error }, 'Øktlageret (Redis) svarer ikke; prøver igjen');
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  client.connect().catch(() => undefined);
  return {
    // Expiry is the key's TTL; no touch (see SqliteSessionStore): reading never writes.
    store: new RedisStore({ client, prefix: 'gjerde:sess:', disableTouch: true }),
    secret,
    close: async () => {
      if (client.isOpen) await client.quit().catch(() => client.disconnect());
    },
  };
}
