import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isRole, type Role } from '../access/principal.js';

/**
 * The local accounts, as one JSON file in the data folder beside the agreements' repository (never in
 * it: password hashes do not belong in a history that is pushed to remotes). Written whole to a
 * temporary file, fsynced and renamed, so a crash leaves the old or the new file, never half of one.
 * Readable by the service's user only (mode 0600).
 */

export interface StoredAccount {
  username: string;
  name: string;
  email: string;
  roles: Role[];
  parties: string[];
  counties: string[];
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

export class AccountFile {
  private cache: { mtimeMs: number; size: number; accounts: StoredAccount[] } | undefined;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /** The accounts as on disk; re-read when the file changed (the CLI may edit it while the service runs). */
  async read(): Promise<StoredAccount[]> {
    const info = await stat(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) return [];
    if (this.cache && this.cache.mtimeMs === info.mtimeMs && this.cache.size === info.size)
      return this.cache.accounts;
    const accounts = parseAccountFile(await readFile(this.path, 'utf8'), this.path);
    this.cache = { mtimeMs: info.mtimeMs, size: info.size, accounts };
    return accounts;
  }

  /** Reads, changes and writes the file, one change at a time within this process. */
  update<T>(change: (accounts: StoredAccount[]) => T | Promise<T>): Promise<T> {
    const next = this.writing.then(async () => {
      const accounts = structuredClone(await this.read());
      const result = await change(accounts);
      await this.write(accounts);
      return result;
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async write(accounts: StoredAccount[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const content: AccountFileContent = { version: 1, accounts };
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
    this.cache = undefined;
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
