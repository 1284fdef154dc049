/**
 * Saves asked for while the write queue is busy are written together by one `git fast-import`, each its own
 * commit (src/store/store.ts, `writeBatch`): every save keeps its author, date and message, a refused one is
 * answered alone, and a kill of git mid-batch loses no acknowledged save.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { type Revision, Store, type StoreError } from '../../src/store/store.js';
import { git, kari, ola, tempDirs } from './helpers.js';

const dirs = tempDirs();
const stores: Store[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await dirs.cleanup();
});

async function openStore(dir?: string): Promise<Store> {
  const store = await Store.open(dir ?? (await dirs.make()));
  stores.push(store);
  return store;
}

const A = 'avtaler/a.md';
const B = 'avtaler/b.md';

/** This process's descendants whose command line has `word` (the store's helper starts git). */
function descendantsRunning(word: string): number[] {
  const found: number[] = [];
  const visit = (pid: string) => {
    let children: string[] = [];
    try {
      children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
        readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
      );
    } catch {
      return; // ended meanwhile
    }
    for (const child of children) {
      try {
        if (readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').includes(word))
          found.push(Number(child));
      } catch {
        continue;
      }
      visit(child);
    }
  };
  visit(String(process.pid));
  return found;
}

/** A text of about `bytes` that does not compress, so git takes a while to write it. */
function bulkyText(bytes: number, seed: number): string {
  let state = seed;
  const lines: string[] = [];
  for (let size = 0; size < bytes; size += 65) {
    let line = '';
    for (let i = 0; i < 64; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      line += String.fromCharCode(97 + ((state >>> 16) % 26));
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

describe('saves written together (writeBatch)', () => {
  it('writes saves asked for at once as consecutive commits, each with its own author, date and message', async () => {
    const store = await openStore();
    await store.commitFile(A, 'én\n', { author: kari, reason: 'Opprettet' });
    const results = await Promise.allSettled([
      store.commitFile(A, 'to\n', {
        author: ola,
        reason: 'Endret av Ola',
        trailers: { 'Godkjent-av': ['nav', 'fk'] },
      }),
      store.commitFile(B, 'bé\n', { author: kari, reason: 'Ny fil' }),
      store.commitFile(A, 'to\n', { author: kari, reason: 'Ingen endring' }),
      store.commitFile(A, 'tre\n', { author: kari, reason: 'Fra en eldre tekst', expectedPrevious: 'én\n' }),
      store.commitFile(A, 'fire\n', {
        author: kari,
        reason: 'Etter Olas',
        expectedPrevious: 'to\n',
        date: '2020-01-02T03:04:05+01:00',
      }),
    ]);
    const codes = results.map((result) =>
      result.status === 'rejected' ? (result.reason as StoreError).code : 'saved',
    );
    expect(codes).toEqual(['saved', 'saved', 'no-change', 'stale-head', 'saved']);
    const saved = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    // Newest first, as git reads them back: one commit a save, each with its own author, date and message.
    expect(git(store.dir, 'log', '--format=%H|%an <%ae>|%aI|%cn|%B%x00').split('\0\n').slice(0, 3)).toEqual(
      [...saved].reverse().map((revision: Revision) => {
        const trailers = Object.entries(revision.trailers).flatMap(([key, values]) =>
          values.map((value) => `${key}: ${value}`),
        );
        const message =
          trailers.length > 0 ? `${revision.reason}\n\n${trailers.join('\n')}` : revision.reason;
        return `${revision.rev}|${revision.author.name} <${revision.author.email}>|${revision.date}|Gjerde|${message}\n`;
      }),
    );
    expect(git(store.dir, 'rev-list', '--count', 'HEAD').trim()).toBe('4');
    expect(await store.readFile(A)).toBe('fire\n');
    expect(await store.readFile(A, saved[0]?.rev)).toBe('to\n');
    expect((await store.history(A)).map((revision) => revision.rev)).toEqual(
      git(store.dir, 'log', '--format=%H', '--', A).trim().split('\n'),
    );
    // Git's index and the working tree are those of HEAD once the saves are answered.
    expect(git(store.dir, 'status', '--porcelain')).toBe('');
  });

  it('loses no acknowledged save when git is killed mid-batch, and opens consistent', async () => {
    const dir = await dirs.make();
    const store = await openStore(dir);
    const paths = Array.from({ length: 6 }, (_, index) => `avtaler/stor-${index}.md`);
    for (const path of paths) await store.commitFile(path, 'start\n', { author: kari, reason: 'Opprettet' });
    // Large texts that do not compress, so the batch takes git a while; a kill lands in it or after it.
    const texts = paths.map((_, index) => bulkyText(2_000_000, index + 1));
    const outcomes = paths.map((path, index) =>
      store.commitFile(path, texts[index] as string, { author: ola, reason: `Stor endring ${index}` }).then(
        (revision) => revision,
        (error: unknown) => error as Error,
      ),
    );
    let killed: number[] = [];
    let settled = false;
    void Promise.all(outcomes).then(() => {
      settled = true;
    });
    while (!settled && killed.length === 0) {
      killed = descendantsRunning('fast-import');
      for (const pid of killed) process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const answers = await Promise.all(outcomes);
    await store.close();
    stores.splice(stores.indexOf(store), 1);

    const reopened = await openStore(dir);
    expect(git(dir, 'fsck', '--full', '--no-dangling', '--no-progress')).toBe('');
    // Git's index is HEAD's again (nothing staged).
    expect(git(dir, 'diff', '--cached', '--name-only')).toBe('');
    answers.forEach((answer, index) => {
      if (answer instanceof Error) return;
      expect(git(dir, 'merge-base', '--is-ancestor', answer.rev, 'HEAD')).toBe('');
      expect(git(dir, 'show', `${answer.rev}:${paths[index]}`)).toBe(texts[index]);
    });
    // A batch lands whole or not at all (a kill after git moved the branch lands it unacknowledged).
    const landed = Number(git(dir, 'rev-list', '--count', 'HEAD').trim()) - paths.length;
    expect([0, paths.length]).toContain(landed);
    expect(answers.filter((answer) => !(answer instanceof Error)).length).toBeLessThanOrEqual(landed);
    const next = await reopened.commitFile(A, 'etterpå\n', { author: kari, reason: 'Etterpå' });
    expect(git(dir, 'log', '-1', '--format=%H')).toBe(`${next.rev}\n`);
    expect(git(dir, 'diff', '--cached', '--name-only')).toBe('');
  });
});
