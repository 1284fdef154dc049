import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { type CommitOptions, parseMessage, type Revision, Store, StoreError } from '../../src/store/store.js';
import { git, kari, ola, tempDirs } from './helpers.js';

/** Commits made with git itself, by someone else than the store. */
const asPer = ['-c', 'user.name=Per', '-c', 'user.email=per@example.org'];

const dirs = tempDirs();
const stores: Store[] = [];

async function openStore(dir?: string): Promise<Store> {
  const store = await Store.open(dir ?? (await dirs.make()));
  stores.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await dirs.cleanup();
});

async function expectStoreError(promise: Promise<unknown>, code: StoreError['code']): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

const A = 'avtaler/a.md';
const B = 'avtaler/b.md';

describe('Store.open', () => {
  it('creates the folder and an empty repository on branch main with Gjerde as identity', async () => {
    const dir = join(await dirs.make(), 'nested', 'data');
    const store = await openStore(dir);
    expect(existsSync(join(dir, '.git'))).toBe(true);
    expect(git(dir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(git(dir, 'config', 'user.name').trim()).toBe('Gjerde');
    expect(git(dir, 'config', 'user.email').trim()).toBe('gjerde@localhost');
    expect(await store.head()).toBeUndefined();
    expect(await store.listFiles()).toEqual([]);
    expect(await store.readFile(A)).toBeUndefined();
    expect(await store.history(A)).toEqual([]);
    expect((await store.allHistory()).size).toBe(0);
    expect(await store.commitCount()).toBe(0);
  });

  it('reopens an existing repository without touching its history', async () => {
    const dir = await dirs.make();
    const first = await Store.open(dir);
    const revision = await first.commitFile(A, 'én\n', { author: kari, reason: 'Opprettet' });
    await first.close();
    const again = await openStore(dir);
    expect(await again.head()).toBe(revision.rev);
    expect(await again.readFile(A)).toBe('én\n');
  });

  it('removes a stale index.lock left by a crash and unstages leftovers', async () => {
    const dir = await dirs.make();
    const first = await Store.open(dir);
    await first.commitFile(A, 'en\n', { author: kari, reason: 'Opprettet' });
    await first.close();
    // A crash between `git add` and `git commit`: a staged change and the index lock are left behind.
    await writeFile(join(dir, 'avtaler', 'rest.md'), 'halvferdig\n');
    git(dir, 'add', 'avtaler/rest.md');
    await writeFile(join(dir, '.git', 'index.lock'), '');

    const store = await openStore(dir);
    expect(existsSync(join(dir, '.git', 'index.lock'))).toBe(false);
    expect(git(dir, 'diff', '--cached', '--name-only')).toBe('');
    const revision = await store.commitFile(B, 'to\n', { author: kari, reason: 'Ny' });
    expect(git(dir, 'show', '--name-only', '--format=', revision.rev).trim()).toBe(B);
  });

  it('keeps index.lock while a git process works in the folder', async () => {
    const dir = await dirs.make();
    await (await Store.open(dir)).close();
    const busy = spawn('git', ['cat-file', '--batch'], { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      await new Promise((resolve) => busy.once('spawn', resolve));
      await writeFile(join(dir, '.git', 'index.lock'), '');
      await openStore(dir);
      expect(existsSync(join(dir, '.git', 'index.lock'))).toBe(true);
    } finally {
      const exited = new Promise((resolve) => busy.once('close', resolve));
      busy.stdin.end();
      await exited;
    }
  });
});

describe('commitFile and readFile', () => {
  it('commits one file per call and reads it at HEAD and at older revisions', async () => {
    const store = await openStore();
    const first = await store.commitFile(A, '# Avtale\n\nførste\n', { author: kari, reason: 'Opprettet' });
    const second = await store.commitFile(A, '# Avtale\n\nandre\n', { author: ola, reason: 'Endret' });
    await store.commitFile(B, 'b\n', { author: ola, reason: 'Ny avtale' });

    expect(first.rev).toMatch(/^[0-9a-f]{40}$/);
    expect(git(store.dir, 'rev-list', '--count', 'HEAD').trim()).toBe('3');
    expect(await store.readFile(A)).toBe('# Avtale\n\nandre\n');
    expect(await store.readFile(A, 'HEAD')).toBe('# Avtale\n\nandre\n');
    expect(await store.readFile(A, first.rev)).toBe('# Avtale\n\nførste\n');
    expect(await store.readFile(A, first.rev.slice(0, 7))).toBe('# Avtale\n\nførste\n');
    expect(await store.readFile(B, first.rev)).toBeUndefined();
    expect(await store.listFiles()).toEqual([A, B]);
    expect(await store.listFiles(first.rev)).toEqual([A]);
    expect(await store.resolveRevision(second.rev.slice(0, 10))).toBe(second.rev);
    expect(await store.resolveRevision('HEAD')).toBe(await store.head());

    // Author is the person, committer is Gjerde; the working tree is clean afterwards.
    expect(git(store.dir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>', second.rev).trim()).toBe(
      'Ola Nordmann <ola@fjordvik.example>|Gjerde <gjerde@localhost>',
    );
    expect(git(store.dir, 'status', '--porcelain')).toBe('');
    expect(await readFile(join(store.dir, A), 'utf8')).toBe('# Avtale\n\nandre\n');
  });

  it('records explicit dates, authors, reasons and trailers; history is newest first', async () => {
    const store = await openStore();
    const made: Revision[] = [];
    made.push(
      await store.commitFile(A, 'v1\n', {
        author: ola,
        reason: 'Første utkast',
        date: '2016-11-01T10:00:00+01:00',
      }),
    );
    made.push(
      await store.commitFile(A, 'v2\n', {
        author: kari,
        reason: '  Godkjent.\n\nBegge parter signerte.  \n\n\n',
        date: '2017-01-10T09:00:00.250+01:00',
        trailers: { 'Godkjent-av': 'Kari Nordmann <kari@x> | Direktør | nav-fjordvik | 2017-01-10' },
      }),
    );
    made.push(
      await store.commitFile(A, 'v3\n', { author: ola, reason: 'Retting', date: '2018-06-01T10:00:00Z' }),
    );

    const history = await store.history(A);
    expect(history).toEqual([...made].reverse());
    expect(history.map((revision) => revision.date)).toEqual([
      '2018-06-01T10:00:00+00:00',
      '2017-01-10T09:00:00+01:00',
      '2016-11-01T10:00:00+01:00',
    ]);
    expect(history.map((revision) => revision.author.name)).toEqual([
      'Ola Nordmann',
      'Kari Nordmann',
      'Ola Nordmann',
    ]);
    expect(history[1]?.reason).toBe('Godkjent.\n\nBegge parter signerte.');
    expect(history[1]?.trailers).toEqual({
      'Godkjent-av': ['Kari Nordmann <kari@x> | Direktør | nav-fjordvik | 2017-01-10'],
    });
    expect(history[0]?.trailers).toEqual({});
    expect(history.every((revision) => revision.path === A)).toBe(true);
    // git agrees about the committer date too.
    expect(git(store.dir, 'log', '-1', '--format=%cI', history[2]?.rev ?? '').trim()).toBe(
      '2016-11-01T10:00:00+01:00',
    );
  });

  it('returns the same revision git reads back for a commit without a date', async () => {
    const store = await openStore();
    const made = await store.commitFile(A, 'x\n', {
      author: { name: ' Kari N. ', email: 'kari@x' },
      reason: 'Ny',
    });
    expect(made.author).toEqual({ name: 'Kari N', email: 'kari@x' });
    expect(await store.history(A)).toEqual([made]);
  });

  it('refuses an empty reason and writes nothing', async () => {
    const store = await openStore();
    for (const reason of ['', '   ', '\n\t \n']) {
      await expectStoreError(store.commitFile(A, 'x\n', { author: kari, reason }), 'reason-required');
    }
    expect(existsSync(join(store.dir, A))).toBe(false);
    expect(await store.head()).toBeUndefined();

    const first = await store.commitFile(A, 'x\n', { author: kari, reason: 'Opprettet' });
    const error = await expectStoreError(
      store.commitFile(A, 'y\n', { author: kari, reason: ' \n ' }),
      'reason-required',
    );
    expect(error.message).toMatch(/begrunnelse/);
    expect(await store.head()).toBe(first.rev);
    expect(git(store.dir, 'status', '--porcelain')).toBe('');
    expect(await readFile(join(store.dir, A), 'utf8')).toBe('x\n');
  });

  it('refuses a stale expectedHead before writing anything', async () => {
    const store = await openStore();
    const base = await store.commitFile(A, 'base\n', { author: kari, reason: 'Opprettet' });
    const other = await store.commitFile(B, 'annen\n', {
      author: ola,
      reason: 'Noen andre',
      expectedHead: base.rev,
    });
    await expectStoreError(
      store.commitFile(A, 'min endring\n', { author: kari, reason: 'Min endring', expectedHead: base.rev }),
      'stale-head',
    );
    expect(await store.head()).toBe(other.rev);
    expect(await readFile(join(store.dir, A), 'utf8')).toBe('base\n');
    expect(git(store.dir, 'status', '--porcelain')).toBe('');
    // An abbreviated expected head is accepted when it matches.
    const ok = await store.commitFile(A, 'min endring\n', {
      author: kari,
      reason: 'Min endring',
      expectedHead: other.rev.slice(0, 12),
    });
    expect(ok.rev).not.toBe(other.rev);
  });

  it('lets only one of several saves based on the same HEAD through', async () => {
    const store = await openStore();
    const base = await store.commitFile(A, 'base\n', { author: kari, reason: 'Opprettet' });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) =>
        store.commitFile(A, `versjon ${n}\n`, {
          author: kari,
          reason: `Endring ${n}`,
          expectedHead: base.rev,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect((result.reason as StoreError).code).toBe('stale-head');
    }
    expect(git(store.dir, 'rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('refuses content identical to HEAD', async () => {
    const store = await openStore();
    const first = await store.commitFile(A, 'samme\n', { author: kari, reason: 'Opprettet' });
    await expectStoreError(store.commitFile(A, 'samme\n', { author: ola, reason: 'Ingenting' }), 'no-change');
    expect(await store.head()).toBe(first.rev);
  });

  it('lands 20 concurrent saves of different files as 20 separate commits', async () => {
    const store = await openStore();
    const paths = Array.from({ length: 20 }, (_, i) => `avtaler/samtidig-${String(i).padStart(2, '0')}.md`);
    const revisions = await Promise.all(
      paths.map((path, i) => store.commitFile(path, `fil ${i}\n`, { author: kari, reason: `Lagret ${i}` })),
    );
    expect(new Set(revisions.map((revision) => revision.rev)).size).toBe(20);
    expect(git(store.dir, 'rev-list', '--count', 'HEAD').trim()).toBe('20');
    for (const [i, revision] of revisions.entries()) {
      expect(git(store.dir, 'show', '--name-only', '--format=', revision.rev).trim()).toBe(paths[i]);
      expect(await store.readFile(paths[i] as string)).toBe(`fil ${i}\n`);
    }
    expect(await store.listFiles()).toEqual(paths);
    expect(git(store.dir, 'status', '--porcelain')).toBe('');
  });

  it('restores the working tree and index when git fails mid-way', async () => {
    const store = await openStore();
    const first = await store.commitFile(A, 'original\n', { author: kari, reason: 'Opprettet' });

    // `git commit` fails (another process holds the branch lock) after the file was written and staged.
    const refLock = join(store.dir, '.git', 'refs', 'heads', 'main.lock');
    await writeFile(refLock, '');
    await expect(store.commitFile(A, 'halvveis\n', { author: kari, reason: 'Endring' })).rejects.toThrow(
      /git/,
    );
    await expect(
      store.commitFile('avtaler/ny-mappe/ny.md', 'ny\n', { author: kari, reason: 'Ny' }),
    ).rejects.toThrow(/git/);
    await rm(refLock, { force: true });
    expect(await readFile(join(store.dir, A), 'utf8')).toBe('original\n');
    expect(existsSync(join(store.dir, 'avtaler', 'ny-mappe'))).toBe(false);
    expect(git(store.dir, 'status', '--porcelain')).toBe('');
    expect(await store.head()).toBe(first.rev);

    // `git add` fails (the index is locked): the file is still restored.
    const indexLock = join(store.dir, '.git', 'index.lock');
    await writeFile(indexLock, '');
    await expect(store.commitFile(A, 'halvveis\n', { author: kari, reason: 'Endring' })).rejects.toThrow(
      /git/,
    );
    await rm(indexLock, { force: true });
    expect(await readFile(join(store.dir, A), 'utf8')).toBe('original\n');
    expect(git(store.dir, 'status', '--porcelain')).toBe('');

    // And the store works normally afterwards.
    const next = await store.commitFile(A, 'neste\n', { author: kari, reason: 'Endring' });
    expect(next.rev).not.toBe(first.rev);
  });
});

describe('validation of user-supplied values', () => {
  const badPaths = [
    '../x',
    '../x.md',
    'avtaler/../x.md',
    'avtaler//x.md',
    'avtaler/.md',
    'avtaler/x.md/',
    '/etc/passwd.md',
    '-x',
    '-x.md',
    '--upload-pack=foo',
    '--upload-pack=foo.md',
    'HEAD~1;rm',
    'avtaler/x.md;rm -rf ~',
    'Avtaler/X.md',
    'avtaler/x.txt',
    'avtaler/x y.md',
    `avtaler/${'x'.repeat(10_000)}.md`,
    'x'.repeat(10_000),
    '',
  ];
  const badRevisions = [
    '-x',
    '--upload-pack=foo',
    '--output=/tmp/x',
    'HEAD~1;rm',
    'HEAD~1',
    'HEAD^',
    'main',
    'head',
    'abc12',
    'ABCDEF1',
    `${'a'.repeat(41)}`,
    'x'.repeat(10_000),
    '',
  ];

  it('rejects bad paths with StoreError before reaching git', async () => {
    const store = await openStore();
    await store.commitFile(A, 'x\n', { author: kari, reason: 'Opprettet' });
    for (const path of badPaths) {
      await expectStoreError(store.readFile(path), 'invalid-path');
      await expectStoreError(store.history(path), 'invalid-path');
      await expectStoreError(store.commitFile(path, 'x\n', { author: kari, reason: 'Ny' }), 'invalid-path');
      await expectStoreError(store.renameFile(A, path, { author: kari, reason: 'Flytt' }), 'invalid-path');
    }
    expect(git(store.dir, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(git(store.dir, 'status', '--porcelain', '--ignored', '--untracked-files=all')).toBe('');
  });

  it('rejects bad revisions with StoreError before reaching git', async () => {
    const store = await openStore();
    await store.commitFile(A, 'x\n', { author: kari, reason: 'Opprettet' });
    for (const rev of badRevisions) {
      await expectStoreError(store.readFile(A, rev), 'invalid-revision');
      await expectStoreError(store.resolveRevision(rev), 'invalid-revision');
      await expectStoreError(store.listFiles(rev), 'invalid-revision');
      await expectStoreError(
        store.commitFile(A, 'y\n', { author: kari, reason: 'Endring', expectedHead: rev }),
        'invalid-revision',
      );
    }
    expect(existsSync('/tmp/x')).toBe(false);
  });

  it('shortens a huge rejected value in the message', async () => {
    const store = await openStore();
    const error = await expectStoreError(store.readFile('x'.repeat(10_000)), 'invalid-path');
    expect(error.message.length).toBeLessThan(300);
  });

  it('rejects malformed authors, dates and trailers', async () => {
    const store = await openStore();
    const bad: CommitOptions[] = [
      { author: { name: '', email: 'a@b' }, reason: 'x' },
      { author: { name: 'Kari', email: '' }, reason: 'x' },
      { author: { name: 'Kari <evil@x>', email: 'a@b' }, reason: 'x' },
      { author: { name: 'Kari\nInjected', email: 'a@b' }, reason: 'x' },
      { author: kari, reason: 'x', date: '2017-01-10' },
      { author: kari, reason: 'x', date: '2017-02-30T10:00:00+01:00' },
      { author: kari, reason: 'x', date: 'i går' },
      { author: kari, reason: 'x', trailers: { 'Ugyldig nøkkel': 'v' } },
      { author: kari, reason: 'x', trailers: { Nøkkel: 'to\nlinjer' } },
    ];
    for (const opts of bad) await expectStoreError(store.commitFile(A, 'x\n', opts), 'invalid-input');
    expect(await store.head()).toBeUndefined();
  });
});

describe('unknown revisions and files', () => {
  it('answers undefined (or not-found for listings)', async () => {
    const store = await openStore();
    const first = await store.commitFile(A, 'x\n', { author: kari, reason: 'Opprettet' });
    expect(await store.resolveRevision('deadbeef')).toBeUndefined();
    expect(await store.resolveRevision('f'.repeat(40))).toBeUndefined();
    expect(await store.readFile(A, 'deadbeef')).toBeUndefined();
    expect(await store.readFile(A, 'f'.repeat(40))).toBeUndefined();
    expect(await store.readFile('avtaler/finnes-ikke.md')).toBeUndefined();
    // A path that names a folder (made by hand: the store never makes one) is no file.
    await mkdir(join(store.dir, 'avtaler', 'mappe.md'));
    await writeFile(join(store.dir, 'avtaler', 'mappe.md', 'fil.txt'), 'y\n');
    git(store.dir, 'add', 'avtaler/mappe.md/fil.txt');
    git(store.dir, 'commit', '-q', '-m', 'Mappe');
    expect(await store.readFile('avtaler/mappe.md')).toBeUndefined();
    expect(await store.listFiles()).toEqual([A]);
    expect(await store.readFile(A, first.rev)).toBe('x\n');
    expect(await store.history('avtaler/finnes-ikke.md')).toEqual([]);
    await expectStoreError(store.listFiles('deadbeef'), 'not-found');
    // A tree's id names no commit.
    const tree = git(store.dir, 'rev-parse', 'HEAD^{tree}').trim();
    expect(await store.resolveRevision(tree)).toBeUndefined();
  });
});

describe('history across renames', () => {
  it('follows renameFile and keeps the old path on older revisions', async () => {
    const store = await openStore();
    const old = 'avtaler/gammel.md';
    const renamed = 'avtaler/fylke/ny.md';
    const r1 = await store.commitFile(old, '# Avtale\n\nen\nto\ntre\n', { author: ola, reason: 'Opprettet' });
    const r2 = await store.commitFile(old, '# Avtale\n\nen\nto\ntre\nfire\n', {
      author: kari,
      reason: 'Utvidet',
    });
    const r3 = await store.renameFile(old, renamed, { author: kari, reason: 'Nytt navn' });
    const r4 = await store.commitFile(renamed, '# Avtale\n\nen\nto\ntre\nfire\nfem\n', {
      author: ola,
      reason: 'Mer',
    });

    expect(git(store.dir, 'show', '--name-status', '-M', '--format=', r3.rev).trim()).toBe(
      `R100\t${old}\t${renamed}`,
    );
    expect(r3.path).toBe(renamed);
    const history = await store.history(renamed);
    expect(history.map((revision) => [revision.rev, revision.path, revision.reason])).toEqual([
      [r4.rev, renamed, 'Mer'],
      [r3.rev, renamed, 'Nytt navn'],
      [r2.rev, old, 'Utvidet'],
      [r1.rev, old, 'Opprettet'],
    ]);
    expect(history.slice(1)).toEqual([r3, r2, r1]);
    for (const revision of history) expect(await store.readFile(revision.path, revision.rev)).toBeDefined();
    expect(await store.listFiles()).toEqual([renamed]);
    expect(await store.readFile(old)).toBeUndefined();

    await expectStoreError(store.renameFile(old, B, { author: kari, reason: 'x' }), 'not-found');
    await store.commitFile(B, 'b\n', { author: kari, reason: 'Ny' });
    await expectStoreError(store.renameFile(renamed, B, { author: kari, reason: 'x' }), 'invalid-path');
  });

  it('keeps histories between reads as git reads them, through own commits, renames and commits by others', async () => {
    const store = await openStore();
    const C = 'avtaler/c.md';
    const D = 'avtaler/d.md';
    await store.commitFile(A, 'a\n', { author: kari, reason: 'A' });
    await store.commitFile(B, '# B\n\nen\nto\ntre\n', { author: ola, reason: 'B' });
    const paths = [A, B, C, D];
    // Read (and keep) every history, then change them through the store.
    for (const path of paths) await store.history(path);
    await store.commitFile(A, 'a2\n', {
      author: kari,
      reason: 'A igjen',
      trailers: { 'Godkjent-av': 'Ola' },
    });
    await store.renameFile(B, C, { author: ola, reason: 'B heter C' });
    await store.commitFile(C, '# B\n\nen\nto\ntre\nfire\n', { author: ola, reason: 'C endret' });
    await store.commitFile(D, 'd\n', { author: kari, reason: 'Ny D' });
    const fresh = async () => {
      const other = await Store.open(store.dir);
      try {
        return await Promise.all(paths.map((path) => other.history(path)));
      } finally {
        await other.close();
      }
    };
    expect(await Promise.all(paths.map((path) => store.history(path)))).toEqual(await fresh());
    expect((await store.history(C)).map((revision) => revision.reason)).toEqual([
      'C endret',
      'B heter C',
      'B',
    ]);

    // Someone commits with git itself, beside the store: what is kept follows HEAD.
    await writeFile(join(store.dir, A), 'a3\n');
    git(store.dir, ...asPer, 'commit', '-qm', 'Utenfra', '--', A);
    const outside = await store.history(A);
    expect(outside.map((revision) => revision.reason)).toEqual(['Utenfra', 'A igjen', 'A']);
    await store.commitFile(A, 'a4\n', { author: kari, reason: 'Etter' });
    expect(await Promise.all(paths.map((path) => store.history(path)))).toEqual(await fresh());
  });

  it('keeps histories and folder listings right while readers ask during 20 concurrent saves', async () => {
    const store = await openStore();
    const files = ['avtaler/a.md', 'avtaler/b.md', 'avtaler/c.md', 'avtaler/d.md'];
    for (const path of files)
      await store.commitFile(path, 'start\n', { author: kari, reason: `Start ${path}` });
    for (const path of files) await store.history(path);
    await store.listFiles();
    const readers: Array<Promise<unknown>> = [];
    const saves = Array.from({ length: 20 }, (_, n) => {
      const path = n % 5 === 4 ? `avtaler/ny-${n}.md` : (files[n % 4] as string);
      // Readers ask while commits land, as requests do while others save.
      readers.push(store.history(files[(n + 1) % 4] as string), store.listFiles());
      return store.commitFile(path, `lagring ${n}\n`, { author: n % 2 ? kari : ola, reason: `Lagring ${n}` });
    });
    const saved = await Promise.all(saves);
    await Promise.all(readers);
    expect(new Set(saved.map((revision) => revision.rev)).size).toBe(20);
    const other = await Store.open(store.dir);
    try {
      const paths = [...new Set([...files, ...saved.map((revision) => revision.path)])];
      expect(await Promise.all(paths.map((path) => store.history(path)))).toEqual(
        await Promise.all(paths.map((path) => other.history(path))),
      );
      expect(await store.listFiles()).toEqual(await other.listFiles());
      expect(await store.listFiles()).toHaveLength(8);
      // Every save is in git's own log, none lost.
      expect(
        git(store.dir, 'log', '--format=%s')
          .split('\n')
          .filter((line) => line.startsWith('Lagring')),
      ).toHaveLength(20);
    } finally {
      await other.close();
    }
    // A file committed beside the store is listed too: what is kept follows HEAD.
    await writeFile(join(store.dir, 'avtaler/utenfra.md'), 'utenfra\n');
    git(store.dir, ...asPer, 'add', 'avtaler/utenfra.md');
    git(store.dir, ...asPer, 'commit', '-qm', 'Utenfra');
    expect(await store.listFiles()).toContain('avtaler/utenfra.md');
  });

  it('gives readers asking at once for a history not kept the same history, each its own list, also across a commit', async () => {
    const store = await openStore();
    await store.commitFile(A, 'a\n', { author: kari, reason: 'A' });
    await store.commitFile(A, 'a2\n', { author: ola, reason: 'A igjen' });
    // Four readers at once share one walk of git's log (a cold compare asks from four places).
    const together = await Promise.all([A, A, A, A].map((path) => store.history(path)));
    expect(together.map((history) => history.map((revision) => revision.reason))).toEqual(
      Array.from({ length: 4 }, () => ['A igjen', 'A']),
    );
    together[0]?.pop();
    expect(together[1]).toHaveLength(2);
    expect(await store.history(A)).toHaveLength(2);

    // A commit landing while readers wait: those after it read the history with it.
    await writeFile(join(store.dir, A), 'a3\n');
    git(store.dir, ...asPer, 'commit', '-qm', 'Utenfra', '--', A);
    const before = Promise.all([store.history(A), store.history(A)]);
    const saved = store.commitFile(A, 'a4\n', { author: kari, reason: 'Etter' });
    const [first, second] = await before;
    expect(second).toEqual(first);
    await saved;
    expect((await store.history(A)).map((revision) => revision.reason)).toEqual([
      'Etter',
      'Utenfra',
      'A igjen',
      'A',
    ]);
  });

  it('does not give a new file the history of a similar one (no copy following)', async () => {
    const store = await openStore();
    const text = '# Samarbeidsavtale\n\n1. Formål\n2. Ansvar\n3. Varighet\n4. Kontakt\n';
    await store.commitFile(A, text, { author: kari, reason: 'Avtale A' });
    await store.commitFile(A, `${text}5. Tillegg\n`, { author: kari, reason: 'A endret' });
    const b = await store.commitFile(B, `${text}5. Annet\n`, {
      author: ola,
      reason: 'Avtale B fra samme mal',
    });
    expect(await store.history(B)).toEqual([b]);
  });
});

describe('histories', () => {
  /** Each file's history as a store that has read nothing yet walks it on its own. */
  async function walkedOneByOne(dir: string, paths: string[]): Promise<Revision[][]> {
    const fresh = await Store.open(dir);
    try {
      const result: Revision[][] = [];
      for (const path of paths) result.push(await fresh.history(path));
      return result;
    } finally {
      await fresh.close();
    }
  }

  async function readTogether(dir: string, paths: string[]): Promise<Revision[][]> {
    const fresh = await Store.open(dir);
    try {
      const histories = await fresh.histories(paths);
      return paths.map((path) => histories.get(path) ?? []);
    } finally {
      await fresh.close();
    }
  }

  it('gives every file the history it has on its own: renames, a file deleted and made again, a new file beside a deletion', async () => {
    const store = await openStore();
    const C = 'avtaler/c.md';
    const D = 'avtaler/d.md';
    await store.commitFile(A, '# A\n\nen\nto\ntre\nfire\n', { author: kari, reason: 'A' });
    await store.commitFile(B, 'b\n', { author: ola, reason: 'B', trailers: { 'Godkjent-av': 'Kari' } });
    await store.renameFile(A, C, { author: kari, reason: 'A heter C' });
    await store.commitFile(C, '# A\n\nen\nto\ntre\nfire\nfem\n', { author: ola, reason: 'C endret' });
    await store.commitFile(A, 'ny a\n', { author: kari, reason: 'A igjen, en annen fil' });
    // One commit by git itself: B goes, D comes, with nothing in common (not a rename).
    git(store.dir, 'rm', '-q', B);
    await writeFile(join(store.dir, D), 'noe helt annet\n');
    git(store.dir, 'add', D);
    git(store.dir, ...asPer, 'commit', '-qm', 'B ut, D inn');
    const paths = [A, B, C, D, 'avtaler/aldri.md'];
    const together = await readTogether(store.dir, paths);
    expect(together).toEqual(await walkedOneByOne(store.dir, paths));
    expect(together[2]?.map((revision) => revision.path)).toEqual([C, C, A]);
    expect(together[3]?.map((revision) => revision.reason)).toEqual(['B ut, D inn']);
  });

  it('gives the same in a history with a merge', async () => {
    const store = await openStore();
    await store.commitFile(A, 'a\n', { author: kari, reason: 'A' });
    await store.commitFile(B, 'b\n', { author: kari, reason: 'B' });
    const base = (await store.head()) as string;
    await store.commitFile(A, 'a på main\n', { author: kari, reason: 'A på main' });
    git(store.dir, 'checkout', '-q', '-b', 'side', base);
    await writeFile(join(store.dir, B), 'b på siden\n');
    git(store.dir, ...asPer, 'commit', '-qam', 'B på siden');
    git(store.dir, 'checkout', '-q', 'main');
    git(store.dir, ...asPer, 'merge', '-q', '--no-edit', 'side');
    const paths = [A, B];
    const together = await readTogether(store.dir, paths);
    expect(together).toEqual(await walkedOneByOne(store.dir, paths));
    expect(together[1]?.map((revision) => revision.reason)).toEqual(['B på siden', 'B']);
  });
});

describe('listTree', () => {
  /** What `git ls-tree -r` lists at HEAD: every blob's path and id, sorted. */
  function lsTree(dir: string): Array<{ path: string; blob: string }> {
    return git(dir, 'ls-tree', '-r', '-z', '--full-tree', 'HEAD')
      .split('\0')
      .map((entry) => /^\d+ blob ([0-9a-f]+)\t([\s\S]+)$/.exec(entry))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => ({ path: match[2] as string, blob: match[1] as string }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  it('lists what git ls-tree -r lists, in nested folders, after saves, commits by hand and renames', async () => {
    const store = await openStore();
    expect(await store.listTree()).toEqual([]);
    await store.commitFile(A, 'a\n', { author: kari, reason: 'A' });
    await store.commitFile('felles/hjemler.yaml', 'x: 1\n', { author: kari, reason: 'Tabell' });
    await store.commitFile('saker/fylke/sak-1.md', 'sak\n', { author: kari, reason: 'Sak' });
    expect(await store.listTree()).toEqual(lsTree(store.dir));
    // Folders git did not get from the store: an executable file and a name outside the store's rules.
    await mkdir(join(store.dir, 'annet', 'dypere'), { recursive: true });
    await writeFile(join(store.dir, 'annet', 'dypere', 'Øvrig fil.txt'), 'ø\n');
    await writeFile(join(store.dir, 'annet', 'kjør.sh'), '#!/bin/sh\n', { mode: 0o755 });
    git(store.dir, 'add', 'annet');
    git(store.dir, ...asPer, 'commit', '-qm', 'Annet');
    expect(await store.listTree()).toEqual(lsTree(store.dir));
    await store.commitFile(A, 'a to\n', { author: ola, reason: 'A igjen' });
    await store.renameFile(A, B, { author: kari, reason: 'A heter B' });
    expect(await store.listTree()).toEqual(lsTree(store.dir));
    expect((await store.listTree()).map((file) => file.path)).toContain('annet/dypere/Øvrig fil.txt');
  });
});

describe('allHistory', () => {
  it('matches the per-file history of every file, renames included', async () => {
    const store = await openStore();
    const author = (i: number) => (i % 2 === 0 ? kari : ola);
    for (let i = 0; i < 12; i++) {
      const path = `avtaler/fil-${i % 4}.md`;
      await store.commitFile(path, `# Fil ${i % 4}\n\nlinje en\nlinje to\nversjon ${i}\n`, {
        author: author(i),
        reason: `Endring ${i}`,
        date: `2020-01-${String(i + 1).padStart(2, '0')}T12:00:00+01:00`,
        trailers: i % 3 === 0 ? { 'Godkjent-av': `Person ${i}` } : undefined,
      });
    }
    await store.renameFile('avtaler/fil-1.md', 'avtaler/omdopt/fil-1.md', {
      author: kari,
      reason: 'Flyttet',
    });
    await store.commitFile('avtaler/omdopt/fil-1.md', '# Fil 1\n\nlinje en\nlinje to\nny\n', {
      author: ola,
      reason: 'Etter flytting',
    });
    // A file outside avtaler/ is not part of the agreements.
    await store.commitFile('annet/notat.md', 'notat\n', { author: ola, reason: 'Notat' });

    const all = await store.allHistory();
    const files = await store.listFiles();
    expect([...all.keys()].sort()).toEqual(files);
    for (const path of files) expect(all.get(path)).toEqual(await store.history(path));
    expect(all.get('avtaler/omdopt/fil-1.md')?.map((revision) => revision.path)).toEqual([
      'avtaler/omdopt/fil-1.md',
      'avtaler/omdopt/fil-1.md',
      'avtaler/fil-1.md',
      'avtaler/fil-1.md',
      'avtaler/fil-1.md',
    ]);
  });

  it('gives revisions that readRevision reads as readFile reads them at their commit and path', async () => {
    const store = await openStore();
    const first = await store.commitFile(A, 'a en\n', { author: kari, reason: 'Opprettet' });
    await store.commitFile(A, 'a to\n', { author: kari, reason: 'Endret' });
    await store.commitFile(B, 'b en\n', { author: ola, reason: 'Opprettet' });
    await store.renameFile(B, 'avtaler/c.md', { author: ola, reason: 'Flyttet' });
    // Deleted with git itself: its last revision has no content.
    git(store.dir, ...asPer, 'rm', '-q', A);
    git(store.dir, ...asPer, 'commit', '-qm', 'Slettet');
    const head = (await store.head()) as string;
    const walked = [
      ...(await store.allHistory()).values(),
      ...((await store.changesSince(first.rev, head))?.histories.values() ?? []),
    ].flat();
    expect(walked.length).toBe(9);
    expect(await store.commitCount()).toBe(5);
    for (const revision of walked) {
      const text = await store.readFile(revision.path, revision.rev);
      expect(await store.readRevision(revision)).toBe(text);
      expect((await store.readRevisionBytes(revision))?.toString('utf8')).toBe(text);
    }
    expect(await store.readRevision(walked[0] as Revision)).toBeUndefined();
    // A revision from elsewhere (here a copy) is read by its path.
    expect(await store.readRevision({ ...first })).toBe('a en\n');
    expect((await store.readRevisionBytes({ ...first }))?.toString('utf8')).toBe('a en\n');
  });
});

describe('maintain', () => {
  it('packs the repository while the reader keeps working', async () => {
    const store = await openStore();
    const first = await store.commitFile(A, 'en\n', { author: kari, reason: 'Opprettet' });
    await store.commitFile(A, 'to\n', { author: kari, reason: 'Endret' });
    expect(await store.readFile(A, first.rev)).toBe('en\n');
    // Queued behind a pending write, which lands first.
    const [after] = await Promise.all([
      store.commitFile(B, 'b\n', { author: kari, reason: 'Ny' }),
      store.maintain(),
    ]);
    expect(git(store.dir, 'count-objects').startsWith('0 objects')).toBe(true);
    expect(existsSync(join(store.dir, '.git', 'objects', 'info', 'commit-graph'))).toBe(true);
    expect(await store.readFile(A, first.rev)).toBe('en\n');
    expect(await store.readFile(B)).toBe('b\n');
    expect((await store.history(A)).map((revision) => revision.reason)).toEqual(['Endret', 'Opprettet']);
    expect(await store.head()).toBe(after.rev);
  });

  it("gives a repository written by plain git Bloom filters at open, so one file's history reads no trees", async () => {
    const dir = await dirs.make();
    git(dir, 'init', '-q', '-b', 'main');
    await mkdir(join(dir, 'avtaler'));
    for (const [path, text] of [
      [A, 'en\n'],
      [B, 'b\n'],
      [A, 'to\n'],
    ] as const) {
      await writeFile(join(dir, path), text);
      git(dir, 'add', path);
      git(dir, ...asPer, 'commit', '-q', '-m', `Endret ${path}`);
    }
    const graph = join(dir, '.git', 'objects', 'info', 'commit-graph');
    expect(existsSync(graph)).toBe(false);
    const store = await Store.open(dir);
    // Written behind the write queue, which close() waits for; saves queue behind it meanwhile.
    const saved = await store.commitFile(B, 'c\n', { author: kari, reason: 'Ny' });
    expect((await store.history(A)).map((revision) => revision.reason)).toEqual([
      'Endret avtaler/a.md',
      'Endret avtaler/a.md',
    ]);
    await store.close();
    expect((await readFile(graph)).includes('BIDX')).toBe(true);
    expect(git(dir, 'log', '--format=%H', '-1').trim()).toBe(saved.rev);
    // A store whose graph has the filters leaves it as it is.
    const before = (await stat(graph)).mtimeMs;
    await (await Store.open(dir)).close();
    expect((await stat(graph)).mtimeMs).toBe(before);
  });
});

describe('parseMessage', () => {
  it('splits the reason from a trailer block in the last paragraph', () => {
    expect(
      parseMessage(
        'Godkjent\n\nDetaljer her.\n\nGodkjent-av: Kari <k@x> | Direktør | nav | 2017-01-10\nGodkjent-av: Ola <o@x>\n',
      ),
    ).toEqual({
      reason: 'Godkjent\n\nDetaljer her.',
      trailers: { 'Godkjent-av': ['Kari <k@x> | Direktør | nav | 2017-01-10', 'Ola <o@x>'] },
    });
  });

  it('joins folded continuation lines', () => {
    expect(parseMessage('Emne\n\nMerknad: en lang\n  verdi\n')).toEqual({
      reason: 'Emne',
      trailers: { Merknad: ['en lang verdi'] },
    });
  });

  it('finds no trailers in a single paragraph, a mixed paragraph or a URL', () => {
    expect(parseMessage('Merknad: bare emnelinje')).toEqual({
      reason: 'Merknad: bare emnelinje',
      trailers: {},
    });
    expect(parseMessage('Emne\n\nMerknad: x\nvanlig tekst')).toEqual({
      reason: 'Emne\n\nMerknad: x\nvanlig tekst',
      trailers: {},
    });
    expect(parseMessage('Emne\n\nhttps://example.no/x')).toEqual({
      reason: 'Emne\n\nhttps://example.no/x',
      trailers: {},
    });
  });
});

describe('Store.head', () => {
  /** A commit made with git itself (not through the store). */
  function commitByGit(dir: string, message: string): string {
    git(dir, ...asPer, 'commit', '-q', '--allow-empty', '-m', message);
    return git(dir, 'rev-parse', 'HEAD').trim();
  }

  it('is undefined in an empty repository, then follows commits made with git, packed refs and a detached HEAD', async () => {
    const dir = await dirs.make();
    const store = await openStore(dir);
    expect(await store.head()).toBeUndefined();
    const first = commitByGit(dir, 'Første');
    expect(await store.head()).toBe(first);
    const second = commitByGit(dir, 'Andre');
    expect(await store.head()).toBe(second);
    // The branch only in packed-refs (as after git gc), then a newer loose ref beside the packed one.
    git(dir, 'pack-refs', '--all');
    expect(existsSync(join(dir, '.git', 'refs', 'heads', 'main'))).toBe(false);
    expect(await store.head()).toBe(second);
    const third = commitByGit(dir, 'Tredje');
    expect(await store.head()).toBe(third);
    git(dir, 'checkout', '-q', '--detach', first);
    expect(await store.head()).toBe(first);
  });

  /** The watch reports a change made outside the store some time after git made it: wait for it. */
  async function seen(store: Store, expected: string | undefined): Promise<string | undefined> {
    for (let tries = 0; tries < 1000 && (await store.head()) !== expected; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return store.head();
  }

  it('watched, follows commits made with git, packed refs, a detached HEAD and its own commits at once', async () => {
    const dir = await dirs.make();
    const store = await openStore(dir);
    const stop = store.watchHead();
    try {
      expect(await store.head()).toBeUndefined();
      const first = commitByGit(dir, 'Første');
      expect(await seen(store, first)).toBe(first);
      // Its own commit is seen as soon as the commit returns, not when the watch reports it.
      const own = await store.commitFile(A, 'én\n', { author: kari, reason: 'Opprettet' });
      expect(await store.head()).toBe(own.rev);
      expect(own.rev).toBe(git(dir, 'rev-parse', 'HEAD').trim());
      const second = commitByGit(dir, 'Andre');
      expect(await seen(store, second)).toBe(second);
      git(dir, 'pack-refs', '--all');
      const third = commitByGit(dir, 'Tredje');
      expect(await seen(store, third)).toBe(third);
      git(dir, 'checkout', '-q', '--detach', first);
      expect(await seen(store, first)).toBe(first);
      git(dir, 'checkout', '-q', 'main');
      expect(await seen(store, third)).toBe(third);
      // Moved by a writer outside the store in its write queue (as a synchronization's merge does).
      const moved = await store.exclusive(async () => {
        git(dir, 'update-ref', 'HEAD', second);
        return store.head();
      });
      expect(moved).toBe(second);
      expect(await store.head()).toBe(second);
    } finally {
      stop();
    }
    // Unwatched, it reads git's files again every time.
    const fourth = commitByGit(dir, 'Fjerde');
    expect(await store.head()).toBe(fourth);
  });

  it('is read through git where .git is a file (a linked worktree)', async () => {
    const dir = await dirs.make();
    await openStore(dir);
    commitByGit(dir, 'Første');
    const linked = join(await dirs.make(), 'lenket');
    git(dir, 'worktree', 'add', '-q', '-b', 'annen', linked);
    const store = await openStore(linked);
    const commit = commitByGit(linked, 'I den lenkede');
    expect(await store.head()).toBe(commit);
  });
});
