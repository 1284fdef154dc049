/**
 * The account file (src/accounts/account-file.ts) shared by the service and `gjerde users`: changes from
 * several instances and processes at once are all kept (a lock file), and the file is replaced whole
 * (temporary file, fsync, rename), so neither a reader nor a crash ever sees half of it.
 */
import { spawn } from 'node:child_process';
import { chmod, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AccountFile, type StoredAccount } from '../../src/accounts/account-file.js';
import { Accounts } from '../../src/accounts/accounts.js';
import { projectRoot } from '../../src/config.js';
import { tempAccountsFile } from './helpers.js';

let file: Awaited<ReturnType<typeof tempAccountsFile>>;

beforeEach(async () => {
  file = await tempAccountsFile();
});
afterEach(async () => {
  await file.remove();
});

/** An account with `padding` extra characters, so that writing the file takes a while. */
function account(username: string, padding = 0): StoredAccount {
  return {
    username,
    name: `Bruker ${username}`,
    email: `${username}@fjordvik.example`,
    roles: [],
    parties: [],
    counties: [],
    mustChangePassword: true,
    sessionEpoch: 1,
    created: `2030-01-01T00:00:00.000Z${' '.repeat(padding)}`,
    updated: '2030-01-01T00:00:00.000Z',
  };
}

function append(target: AccountFile, username: string, padding = 0) {
  return target.update((accounts) => {
    accounts.push(account(username, padding));
  });
}

describe('several writers at once', () => {
  it('two instances on the same file lose no change', async () => {
    const first = new AccountFile(file.path);
    const second = new AccountFile(file.path);
    const names = Array.from({ length: 40 }, (_, index) => `bruker-${index}`);
    await Promise.all(names.map((name, index) => append(index % 2 === 0 ? first : second, name)));
    const stored = await new AccountFile(file.path).read();
    expect(stored.map((entry) => entry.username).sort()).toEqual([...names].sort());
  });

  it('two Accounts adding users at the same time keep both', async () => {
    const service = new Accounts(file.path);
    const cli = new Accounts(file.path);
    await Promise.all([
      service.add({ username: 'kari', name: 'Kari Nordmann', email: 'kari@nav.example', roles: [] }),
      cli.add({ username: 'ola', name: 'Ola Nordmann', email: 'ola@fjordvik.example', roles: [] }),
      service.add({ username: 'per', name: 'Per Hansen', email: 'per@nav.example', roles: [] }),
      cli.add({ username: 'lise', name: 'Lise Berg', email: 'lise@nav.example', roles: [] }),
    ]);
    expect((await service.list()).map((entry) => entry.username).sort()).toEqual([
      'kari',
      'lise',
      'ola',
      'per',
    ]);
    expect((await cli.list()).length).toBe(4);
  });

  it('leaves no lock or temporary file behind, also after a change that failed', async () => {
    const target = new AccountFile(file.path);
    await append(target, 'kari');
    await expect(
      target.update(() => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await append(target, 'ola');
    expect(await readdir(file.dir)).toEqual(['accounts.json']);
  });

  it('takes over a lock left by a process that died', async () => {
    const target = new AccountFile(file.path);
    await append(target, 'kari');
    const lock = `${file.path}.lock`;
    await writeFile(lock, '');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    await append(target, 'ola');
    expect((await target.read()).map((entry) => entry.username)).toEqual(['kari', 'ola']);
    expect(await readdir(file.dir)).toEqual(['accounts.json']);
  });
});

describe('the file is replaced whole', () => {
  it('a reader never sees half a file while it is rewritten', async () => {
    const target = new AccountFile(file.path);
    await append(target, 'start', 20_000);
    let writing = true;
    const reads: number[] = [];
    const reader = (async () => {
      while (writing) {
        const content = JSON.parse(await readFile(file.path, 'utf8')) as { accounts: unknown[] };
        reads.push(content.accounts.length);
      }
    })();
    for (let index = 0; index < 30; index++) await append(target, `bruker-${index}`, 20_000);
    writing = false;
    await reader;
    expect(reads.length).toBeGreaterThan(0);
    // Every read saw a whole file, and never an older one after a newer.
    expect(reads).toEqual([...reads].sort((a, b) => a - b));
  });

  it('a process killed while writing leaves the old or the new file, and the next change works', async () => {
    const script = join(file.dir, 'writer.mts');
    await writeFile(
      script,
      `import { AccountFile } from ${JSON.stringify(join(projectRoot, 'src/accounts/account-file.ts'))};
const target = new AccountFile(${JSON.stringify(file.path)});
for (let index = 0; ; index++) {
  await target.update((accounts) => {
    accounts.push({ username: 'bruker-' + index, name: 'Bruker', email: 'b@fjordvik.example', roles: [],
      parties: [], counties: [], mustChangePassword: true, sessionEpoch: 1,
      created: '2030-01-01' + ' '.repeat(50000), updated: '2030-01-01' });
  });
  process.stdout.write(index + '\\n');
}
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let written = 0;
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        written += chunk.toString().split('\n').length - 1;
        if (written >= 20) resolve();
      });
      void exited.then(() => reject(new Error(`the writer ended early: ${errors}`)));
    });
    child.kill('SIGKILL');
    await exited;

    const stored = await new AccountFile(file.path).read();
    expect(stored.length).toBeGreaterThanOrEqual(written);
    expect(stored.map((entry) => entry.username)).toEqual(stored.map((_, index) => `bruker-${index}`));
    // The writer may have died holding the lock; once it is stale, the next change takes it over.
    const lock = `${file.path}.lock`;
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo).catch(() => undefined);
    await append(new AccountFile(file.path), 'etter');
    expect((await new AccountFile(file.path).read()).at(-1)?.username).toBe('etter');
  });

  it('is readable by its owner only, also when it was not before', async () => {
    const target = new AccountFile(file.path);
    await append(target, 'kari');
    await chmod(file.path, 0o644);
    await append(target, 'ola');
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
  });
});
