import { randomBytes } from 'node:crypto';
import { type FSWatcher, mkdirSync, type Stats, watch } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRole, type Principal } from '../access/principal.js';

/**
 * The local accounts, as one JSON file in the data folder beside the agreements' repository (never in
 * it: password hashes do not belong in a history that is pushed to remotes). Written whole to a
 * temporary file, fsynced and renamed, so a crash leaves the old or the new file, never half of one.
 * Readable by the service's user only (mode 0600). The service and `gjerde users` may change it at the
 * same time, so every change holds a lock file (`<file>.lock`) from reading to renaming.
 */

/** The person's rights (a Principal) and what signing in needs. */
export interface StoredAccount extends Principal {
  /** argon2id; absent for an account that may not sign in with a password. */
  passwordHash?: string;
  /** A one-time password (first start, `users add`, `users reset`) must be changed at the next sign-in. */
  mustChangePassword: boolean;
  /** Raised on every password change, reset or removal: sessions from before are no longer valid. */
  sessionEpoch: number;
  created: string;
  updated: string;
}

interface AccountFileContent {
  version: 1;
  accounts: StoredAccount[];
}

/** A change holds the lock for milliseconds; one older than this was left by a process that died. */
const staleLockMs = 10_000;
const lockWaitMs = 30_000;

/** A watched file is also compared with the disk this often, for changes a watch cannot see (another machine's). */
const recheckMs = 1000;

export class AccountFile {
  private cache: { mtimeMs: number; size: number; ino: number; accounts: StoredAccount[] } | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  /** Raised by every change seen; a read that began before a change does not fill the cache. */
  private generation = 0;
  private watching: { watcher: FSWatcher; recheck: NodeJS.Timeout } | undefined;

  constructor(readonly path: string) {}

  /**
   * The accounts as on disk; re-read when the file changed (the CLI or another instance may change it while
   * the service runs). Unwatched, every read compares the file's stat with the cache; watched, a read
   * between changes costs nothing.
   */
  async read(): Promise<StoredAccount[]> {
    if (this.watching && this.cache) return this.cache.accounts;
    const generation = this.generation;
    const info = await stat(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) return [];
    if (this.cache && sameFile(this.cache, info)) return this.cache.accounts;
    const accounts = parseAccountFile(await readFile(this.path, 'utf8'), this.path);
    if (generation === this.generation)
      this.cache = { mtimeMs: info.mtimeMs, size: info.size, ino: info.ino, accounts };
    return accounts;
  }

  /**
   * For a long-running service: the folder is watched, so that a change by anyone on this machine (the file
   * is replaced by a rename) empties the cache before the next request is read; a check once a second
   * catches what a watch cannot see (a network file system changed from another machine). Returns `stop`.
   * Without a watch (the folder cannot be watched), every read compares the file's stat again.
   */
  watch(): () => void {
    if (this.watching) return () => this.unwatch();
    const changed = () => {
      this.generation += 1;
      this.cache = undefined;
    };
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const name = basename(this.path);
      const watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
        if (file === null || file === name) changed();
      });
      watcher.on('error', () => {
        changed();
        this.unwatch();
      });
      const recheck = setInterval(() => {
        const cached = this.cache;
        if (!cached) return;
        stat(this.path).then(
          (info) => {
            if (this.cache === cached && !sameFile(cached, info)) changed();
          },
          () => changed(),
        );
      }, recheckMs).unref();
      this.watching = { watcher, recheck };
      changed();
    } catch {
      this.watching = undefined;
    }
    return () => this.unwatch();
  }

  private unwatch(): void {
    if (!this.watching) return;
    this.watching.watcher.close();
    clearInterval(this.watching.recheck);
    this.watching = undefined;
  }

  /** Reads, changes and writes the file, one change at a time within this process and across processes. */
  update<T>(change: (accounts: StoredAccount[]) => T | Promise<T>): Promise<T> {
    const next = this.writing.then(() =>
      this.locked(async () => {
        // From the disk, not the cache: another process may have written within the cache's time resolution.
        this.generation += 1;
        this.cache = undefined;
        const accounts = structuredClone(await this.read());
        const result = await change(accounts);
        await this.write(accounts);
        return result;
      }),
    );
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Runs `work` holding `<file>.lock`, created exclusively; waits while another process holds it. */
  private async locked<T>(work: () => Promise<T>): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const lock = `${this.path}.lock`;
    const deadline = Date.now() + lockWaitMs;
    for (;;) {
      const handle = await open(lock, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return undefined;
        throw error;
      });
      if (handle) {
        await handle.close();
        break;
      }
      // A lock left by a process that died is taken over. (Two processes taking over the same stale lock
      // at once could both proceed; that needs a crash mid-change first, and is accepted.)
      const held = await stat(lock).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > staleLockMs) await rm(lock, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`Brukerfila er låst (${lock}). Fjern låsfila hvis ingen endrer brukere nå.`);
      else await sleep(10 + Math.random() * 40);
    }
    try {
      return await work();
    } finally {
      await rm(lock, { force: true });
    }
  }

  private async write(accounts: StoredAccount[]): Promise<void> {
    const content: AccountFileContent = { version: 1, accounts };
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'wx', 0o600);
    try {
      try {
        await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    this.generation += 1;
    this.cache = undefined;
    await syncDirectory(dirname(this.path));
  }
}

function sameFile(cached: { mtimeMs: number; size: number; ino: number }, info: Stats): boolean {
  return cached.mtimeMs === info.mtimeMs && cached.size === info.size && cached.ino === info.ino;
}

/** Makes the rename itself durable: without it a power cut may bring back the old file. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function parseAccountFile(text: string, path: string): StoredAccount[] {
  const content = JSON.parse(text) as Partial<AccountFileContent>;
  if (content.version !== 1 || !Array.isArray(content.accounts))
    throw new Error(`${path}: not a Gjerde account file (version 1)`);
  return content.accounts.map((account, index) => {
    const valid =
      typeof account.username === 'string' &&
      typeof account.name === 'string' &&
      typeof account.email === 'string' &&
      Array.isArray(account.roles) &&
      account.roles.every(isRole) &&
      Array.isArray(account.parties) &&
      Array.isArray(account.counties) &&
      typeof account.sessionEpoch === 'number';
    if (!valid) throw new Error(`${path}: account ${index + 1} is malformed`);
    return account;
  });
}
