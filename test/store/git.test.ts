import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  BlobReader,
  Git,
  GitCommandError,
  isValidPath,
  isValidRevision,
  StoreError,
} from '../../src/store/git.js';
import { Store } from '../../src/store/store.js';
import { git, kari, tempDirs } from './helpers.js';

const dirs = tempDirs();
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await dirs.cleanup();
});

/** A repository made with plain git: `files` committed in one commit. */
async function repoWith(files: Record<string, string>): Promise<{ dir: string; head: string }> {
  const dir = await dirs.make();
  git(dir, 'init', '-q', '-b', 'main');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=T', '-c', 'user.email=t@x', 'commit', '-q', '-m', 'init');
  return { dir, head: git(dir, 'rev-parse', 'HEAD').trim() };
}

function reader(dir: string): BlobReader {
  const blobs = new BlobReader(dir);
  closers.push(() => blobs.close());
  return blobs;
}

function childOf(blobs: BlobReader): ChildProcess | undefined {
  return (blobs as unknown as { child?: ChildProcess }).child;
}

describe('validation patterns', () => {
  it('accepts commit ids and HEAD only', () => {
    expect(isValidRevision('HEAD')).toBe(true);
    expect(isValidRevision('abcdef0')).toBe(true);
    expect(isValidRevision('a'.repeat(40))).toBe(true);
    for (const bad of [
      'head',
      'HEAD~1',
      'abcdef',
      'a'.repeat(41),
      '-abcdef0',
      'ABCDEF0',
      'main',
      42,
      undefined,
    ]) {
      expect(isValidRevision(bad)).toBe(false);
    }
  });

  it('accepts lower-case .md and .yaml paths without dot segments', () => {
    expect(isValidPath('avtaler/nav-fjordvik/2017.md')).toBe(true);
    expect(isValidPath('kontakter/sorholm.yaml')).toBe(true);
    // YAML data files beside the agreements (the table of repealed provisions).
    expect(isValidPath('felles/hjemler.yaml')).toBe(true);
    for (const bad of [
      'a.yml',
      'a.yaml.md.yaml',
      '.yaml',
      '../a.md',
      'a/../b.md',
      '-a.md',
      'a//b.md',
      'a/.md',
      'a/-b.md',
      'A.md',
      'a.md.md',
      'a.yaml.md',
      'a.yml',
      'a/.yaml',
      'a',
    ]) {
      expect(isValidPath(bad)).toBe(false);
    }
  });
});

describe('BlobReader', () => {
  it('reads blobs by revision and path, undefined when missing', async () => {
    const { dir, head } = await repoWith({ 'avtaler/a.md': 'æøå\n', 'avtaler/b.md': '' });
    const blobs = reader(dir);
    expect(await blobs.read('HEAD', 'avtaler/a.md')).toBe('æøå\n');
    expect(await blobs.read(head, 'avtaler/a.md')).toBe('æøå\n');
    expect(await blobs.read(head.slice(0, 7), 'avtaler/b.md')).toBe('');
    expect(await blobs.read('HEAD', 'avtaler/c.md')).toBeUndefined();
    expect(await blobs.read('deadbeef', 'avtaler/a.md')).toBeUndefined();
    await expect(blobs.read('HEAD', '-x')).rejects.toBeInstanceOf(StoreError);
    await expect(blobs.read('HEAD~1', 'avtaler/a.md')).rejects.toBeInstanceOf(StoreError);
  });

  it('answers many queued requests in order, large blobs included', async () => {
    const big = `${'Lang linje med æøå og mer tekst. '.repeat(60_000)}\n`;
    const files: Record<string, string> = { 'avtaler/stor.md': big };
    for (let i = 0; i < 50; i++) files[`avtaler/f${i}.md`] = `fil ${i}\n`;
    const { dir } = await repoWith(files);
    const blobs = reader(dir);
    const requests = [];
    for (let i = 0; i < 50; i++) {
      requests.push(blobs.read('HEAD', `avtaler/f${i}.md`));
      if (i % 10 === 0) requests.push(blobs.read('HEAD', 'avtaler/stor.md'));
      if (i % 7 === 0) requests.push(blobs.read('HEAD', `avtaler/mangler-${i}.md`));
    }
    const answers = await Promise.all(requests);
    const expected = [];
    for (let i = 0; i < 50; i++) {
      expected.push(`fil ${i}\n`);
      if (i % 10 === 0) expected.push(big);
      if (i % 7 === 0) expected.push(undefined);
    }
    expect(answers).toEqual(expected);
  });

  it('restarts git after it dies, re-sending requests in flight', async () => {
    const { dir } = await repoWith({ 'avtaler/a.md': 'a\n' });
    const blobs = reader(dir);
    expect(await blobs.read('HEAD', 'avtaler/a.md')).toBe('a\n');
    const first = childOf(blobs);
    first?.kill('SIGKILL');
    const again = await Promise.all(Array.from({ length: 20 }, () => blobs.read('HEAD', 'avtaler/a.md')));
    expect(again.every((text) => text === 'a\n')).toBe(true);
    // Killed while requests are queued.
    const pending = Array.from({ length: 20 }, () => blobs.read('HEAD', 'avtaler/a.md'));
    childOf(blobs)?.kill('SIGKILL');
    expect(await Promise.all(pending)).toEqual(Array.from({ length: 20 }, () => 'a\n'));
    expect(childOf(blobs)).not.toBe(first);
  });

  it('sees commits made after it started', async () => {
    const { dir } = await repoWith({ 'avtaler/a.md': 'a\n' });
    const blobs = reader(dir);
    expect(await blobs.read('HEAD', 'avtaler/a.md')).toBe('a\n');
    await writeFile(join(dir, 'avtaler/a.md'), 'b\n');
    git(dir, '-c', 'user.name=T', '-c', 'user.email=t@x', 'commit', '-q', '-am', 'b');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    expect(await blobs.read('HEAD', 'avtaler/a.md')).toBe('b\n');
    expect(await blobs.read(head, 'avtaler/a.md')).toBe('b\n');
    expect((await blobs.object('HEAD'))?.sha).toBe(head);
  });

  it('refuses reads after close', async () => {
    const { dir } = await repoWith({ 'avtaler/a.md': 'a\n' });
    const blobs = new BlobReader(dir);
    expect(await blobs.read('HEAD', 'avtaler/a.md')).toBe('a\n');
    await blobs.close();
    await expect(blobs.read('HEAD', 'avtaler/a.md')).rejects.toThrow(/lukket/);
  });
});

describe('Git environment', () => {
  it('ignores an inherited GIT_DIR and GIT_INDEX_FILE (as inside a hook of another repository)', async () => {
    const other = await repoWith({ 'x.md': 'x\n' });
    const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = join(other.dir, '.git');
    process.env.GIT_INDEX_FILE = join(other.dir, '.git', 'index');
    try {
      const store = await Store.open(await dirs.make());
      closers.push(() => store.close());
      const revision = await store.commitFile('avtaler/a.md', 'a\n', { author: kari, reason: 'Ny' });
      expect(await store.history('avtaler/a.md')).toEqual([revision]);
      expect(await store.listFiles()).toEqual(['avtaler/a.md']);
    } finally {
      if (saved.dir === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved.dir;
      if (saved.index === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved.index;
    }
    expect(git(other.dir, 'rev-parse', 'HEAD').trim()).toBe(other.head);
    expect(git(other.dir, 'status', '--porcelain')).toBe('');
  });

  it('never runs hooks of the store repository', async () => {
    const dir = await dirs.make();
    const store = await Store.open(dir);
    closers.push(() => store.close());
    const marker = join(dir, 'hook-ran');
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit']) {
      const script = join(dir, '.git', 'hooks', hook);
      await writeFile(script, `#!/bin/sh\ntouch "${marker}"\nexit 1\n`);
      await chmod(script, 0o755);
    }
    await store.commitFile('avtaler/a.md', 'a\n', { author: kari, reason: 'Ny' });
    expect(existsSync(marker)).toBe(false);
  });

  it('reports a failing command with git’s message', async () => {
    const dir = await dirs.make();
    const runner = new Git(dir);
    await expect(runner.run(['rev-parse', 'HEAD'])).rejects.toThrow(/git rev-parse feilet/);
    await expect(runner.raw(['rev-parse', 'HEAD'])).rejects.toThrow();
  });
});

describe('Git time limit', () => {
  // A named pipe nobody writes to: git blocks opening it, however fast the machine is.
  async function blockingFile(): Promise<string> {
    const { dir } = await repoWith({ 'a.md': 'a\n' });
    execFileSync('mkfifo', [join(dir, 'blokk.md')]);
    return dir;
  }

  it('says in Norwegian what was stopped and after how long, not «kode ukjent: ingen melding»', async () => {
    const runner = new Git(await blockingFile(), { timeoutMs: 300 });
    const error = await runner.run(['hash-object', '--', 'blokk.md']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitCommandError);
    expect((error as GitCommandError).message).toBe(
      'git hash-object ble stoppet: ikke ferdig etter 300 ms (tidsgrensen for én git-kommando): blokk.md',
    );
    expect((error as GitCommandError).timedOut).toEqual({ ms: 300, idle: false });
  });

  it('says so for a command through simple-git that printed nothing for the limit', async () => {
    const runner = new Git(await blockingFile(), { timeoutMs: 300 });
    const error = await runner.raw(['hash-object', '--', 'blokk.md']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitCommandError);
    expect((error as GitCommandError).message).toBe(
      'git hash-object ble stoppet: ingen utdata på 300 ms (tidsgrensen for én git-kommando): blokk.md',
    );
  });
});
