/**
 * The merge rule of the synchronization on real repositories, without timing: diverged histories become a
 * merge commit (never a rewrite), overlapping changes keep both versions whole in the history (the remote's
 * in the merge, the local one re-applied after it), no file ever gets conflict markers, and a line merge
 * that is not a valid agreement falls back to each side's own file.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseAgreement } from '../../src/format/processor.js';
import { Git } from '../../src/store/git.js';
import { Store, type StoreError } from '../../src/store/store.js';
import { acceptMergedFile } from '../../src/sync/accept.js';
import { mergeRemote } from '../../src/sync/merge.js';
import { gitTrimmed as git } from '../helpers/git.js';
import { slotValue, testAgreement } from '../load/agreement.js';
import { tempDirs } from '../store/helpers.js';

const dirs = tempDirs();
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await dirs.cleanup();
});

const kari = { name: 'Kari Nordmann', email: 'kari@nav.example' };
const ola = { name: 'Ola Nordmann', email: 'ola@fjordvik.example' };
const path = 'avtaler/felles.md';

async function open(): Promise<Store> {
  const store = await Store.open(await dirs.make());
  stores.push(store);
  return store;
}

/** `local` and a copy of it that has fetched `remote`'s objects (as the synchronization does). */
async function diverged(base: string[], local: string[], remote: string[]) {
  const ours = await open();
  const start = await ours.commitFile(path, testAgreement('felles', base), { author: kari, reason: 'Start' });
  const theirs = await open();
  git(theirs.dir, 'fetch', '--quiet', ours.dir, 'main');
  git(theirs.dir, 'reset', '--quiet', '--hard', 'FETCH_HEAD');
  const remoteSave = await theirs.commitFile(path, testAgreement('felles', remote), {
    author: ola,
    reason: 'Endret hos Ola',
  });
  const localSave = await ours.commitFile(path, testAgreement('felles', local), {
    author: kari,
    reason: 'Endret hos Kari',
  });
  git(ours.dir, 'fetch', '--quiet', theirs.dir, 'main');
  const fetched = git(ours.dir, 'rev-parse', 'FETCH_HEAD');
  return { ours, start: start.rev, localSave: localSave.rev, remoteSave: remoteSave.rev, fetched };
}

function slots(markdown: string): (string | undefined)[] {
  return [0, 1, 2].map((index) => slotValue(markdown, index));
}

describe('mergeRemote', () => {
  it('merges changes to different lines into one merge commit with both heads as parents', async () => {
    const { ours, localSave, fetched } = await diverged(['a', 'b', 'c'], ['A', 'b', 'c'], ['a', 'b', 'C']);
    const outcome = await mergeRemote(ours, new Git(ours.dir), fetched, { accept: acceptMergedFile });
    expect(outcome).toMatchObject({ kind: 'merged', before: localSave, conflicts: [] });
    expect(git(ours.dir, 'rev-parse', 'HEAD^1', 'HEAD^2').split('\n')).toEqual([localSave, fetched]);
    expect(slots((await ours.readFile(path)) as string)).toEqual(['A', 'b', 'C']);
    // Index and working tree follow the branch, so the next save starts from the merge.
    expect(git(ours.dir, 'status', '--porcelain')).toBe('');
  });

  it('keeps both versions of overlapping changes: the remote’s in the merge, the local one after it', async () => {
    const { ours, localSave, remoteSave, fetched } = await diverged(
      ['a', 'b', 'c'],
      ['A', 'kari', 'c'],
      ['a', 'ola', 'C'],
    );
    const outcome = await mergeRemote(ours, new Git(ours.dir), fetched, { accept: acceptMergedFile });
    expect(outcome).toMatchObject({ kind: 'merged', conflicts: [path] });
    const head = outcome.after as string;
    const merge = git(ours.dir, 'rev-parse', `${head}^`);
    expect(git(ours.dir, 'rev-parse', `${merge}^1`, `${merge}^2`).split('\n')).toEqual([
      localSave,
      remoteSave,
    ]);

    // The merge commit: both sides' other changes, the remote's overlapping line.
    const merged = (await ours.readFile(path, merge)) as string;
    expect(slots(merged)).toEqual(['A', 'ola', 'C']);
    // The newest version: the same, with the local overlapping line, by the local author and reason.
    const final = (await ours.readFile(path)) as string;
    expect(slots(final)).toEqual(['A', 'kari', 'C']);
    expect(git(ours.dir, 'log', '-1', '--format=%an|%B', head)).toContain('Kari Nordmann|Endret hos Kari');
    expect(git(ours.dir, 'log', '-1', '--format=%B', head)).toContain(`Gjenopprettet-fra: ${localSave}`);

    for (const version of [merged, final]) {
      expect(version).not.toMatch(/^(<{7}|={7}|>{7})/m);
      expect(parseAgreement(version).ok).toBe(true);
    }
    // Every earlier version is still there.
    for (const rev of [localSave, remoteSave]) {
      expect(() => git(ours.dir, 'merge-base', '--is-ancestor', rev, head)).not.toThrow();
    }
    expect(git(ours.dir, 'fsck', '--full', '--no-dangling', '--no-progress')).toBe('');
  });

  it('credits each restored change to the person who wrote it, naming the remote change it replaced', async () => {
    const { ours, localSave, remoteSave } = await diverged(
      ['a', 'b', 'c'],
      ['kari-a', 'b', 'c'],
      ['ola-a', 'ola-b', 'ola-c'],
    );
    // A second local change, by someone else, to another line the remote also changed.
    const per = { name: 'Per Hansen', email: 'per@fjordvik.example' };
    const perSave = await ours.commitFile(path, testAgreement('felles', ['kari-a', 'per-b', 'c']), {
      author: per,
      reason: 'Endret hos Per',
    });
    const outcome = await mergeRemote(ours, new Git(ours.dir), remoteSave, { accept: acceptMergedFile });
    expect(outcome).toMatchObject({ kind: 'merged', conflicts: [path] });
    const head = outcome.after as string;

    // After the merge: Kari's line back by Kari, then Per's line back by Per, each with their own reason.
    const restored = git(ours.dir, 'log', '--format=%an|%s', `${head}~2..${head}`).split('\n');
    expect(restored).toEqual(['Per Hansen|Endret hos Per', 'Kari Nordmann|Endret hos Kari']);
    const kariRestored = git(ours.dir, 'rev-parse', `${head}~1`);
    expect(slots((await ours.readFile(path, kariRestored)) as string)).toEqual(['kari-a', 'ola-b', 'ola-c']);
    expect(slots((await ours.readFile(path)) as string)).toEqual(['kari-a', 'per-b', 'ola-c']);
    const perMessage = git(ours.dir, 'log', '-1', '--format=%B', head);
    expect(perMessage).toContain(`Gjenopprettet-fra: ${perSave.rev}`);
    expect(perMessage).toContain(`Overstyrt: ${remoteSave}`);
    expect(perMessage).toContain('Ola Nordmann hadde samtidig endret de samme linjene');
    expect(git(ours.dir, 'log', '-1', '--format=%B', kariRestored)).toContain(
      `Gjenopprettet-fra: ${localSave}`,
    );
    // The merge commit before them is Gjerde's, with both heads as parents.
    expect(git(ours.dir, 'log', '-1', '--format=%an|%P', `${head}~2`)).toBe(
      `Gjerde|${perSave.rev} ${remoteSave}`,
    );
  });

  it('falls back to each side’s own file when the line merge is not a valid agreement', async () => {
    const { ours, fetched } = await diverged(['a', 'b', 'c'], ['A', 'b', 'c'], ['a', 'b', 'C']);
    const outcome = await mergeRemote(ours, new Git(ours.dir), fetched, { accept: () => false });
    expect(outcome.conflicts).toEqual([path]);
    const merge = git(ours.dir, 'rev-parse', 'HEAD^');
    expect(slots((await ours.readFile(path, merge)) as string)).toEqual(['a', 'b', 'C']);
    expect(slots((await ours.readFile(path)) as string)).toEqual(['A', 'b', 'c']);
  });

  it('never makes an approved text of one side’s approval and the other side’s edit', async () => {
    // Found testing as a stranger: the last approval on one instance and an edit of the same version on
    // another merged into «status: godkjent» with both signatories on a text containing the edit, which
    // no party had seen; it answered lookups as the agreement in force.
    const signed = [
      'signatarer:',
      '  - navn: Per',
      '    rolle: Direktør',
      '    part: nav-test',
      '    dato: 2026-12-01',
      '  - navn: Eva',
      '    rolle: Fylkesdirektør',
      '    part: test-fk',
      '    dato: 2026-12-01',
      '',
    ].join('\n');
    const approved = testAgreement('felles', ['a', 'B', 'c'])
      .replace('status: utkast', 'status: godkjent')
      .replace('parter:', `${signed}parter:`);
    const { ours, fetched } = await diverged(['a', 'b', 'c'], ['a', 'B', 'c'], ['a', 'b', 'Endret av Ola']);
    await ours.commitFile(path, approved, { author: kari, reason: 'Godkjent av alle parter' });
    const outcome = await mergeRemote(ours, new Git(ours.dir), fetched, { accept: acceptMergedFile });
    expect(outcome.conflicts).toEqual([path]);
    for (const rev of git(ours.dir, 'rev-list', `${fetched}..HEAD`).split('\n')) {
      const text = git(ours.dir, 'show', `${rev}:${path}`);
      const meta = parseAgreement(text).agreement.meta;
      if (meta.status === 'godkjent') expect(slotValue(text, 2)).toBe('c');
    }
    expect(slotValue(git(ours.dir, 'show', `HEAD:${path}`), 2)).toBe('c');
  });

  it('fast-forwards when only the remote moved, and does nothing when only this side did', async () => {
    const { ours, localSave } = await diverged(['a', 'b', 'c'], ['A', 'b', 'c'], ['a', 'b', 'C']);
    const behind = await open();
    git(behind.dir, 'fetch', '--quiet', ours.dir, 'main');
    const start = git(behind.dir, 'rev-parse', 'FETCH_HEAD^');
    git(behind.dir, 'reset', '--quiet', '--hard', start);
    const forward = await mergeRemote(behind, new Git(behind.dir), localSave);
    expect(forward).toMatchObject({ kind: 'fast-forward', before: start, after: localSave });
    expect(await behind.head()).toBe(localSave);
    const ahead = await mergeRemote(ours, new Git(ours.dir), start);
    expect(ahead.kind).toBe('ahead');
  });

  it('merges unrelated histories (two instances that started on their own) without losing either', async () => {
    const ours = await open();
    const local = await ours.commitFile('avtaler/her.md', 'her\n', { author: kari, reason: 'Her' });
    const theirs = await open();
    const remote = await theirs.commitFile('avtaler/der.md', 'der\n', { author: ola, reason: 'Der' });
    git(ours.dir, 'fetch', '--quiet', theirs.dir, 'main');
    const outcome = await mergeRemote(ours, new Git(ours.dir), remote.rev);
    expect(outcome.kind).toBe('merged');
    expect(await ours.listFiles()).toEqual(['avtaler/der.md', 'avtaler/her.md']);
    expect(git(ours.dir, 'rev-parse', 'HEAD^1', 'HEAD^2').split('\n')).toEqual([local.rev, remote.rev]);
  });
});

describe('the store guard against saving over a synchronized change', () => {
  it('refuses a commit whose starting content is no longer what the file holds', async () => {
    const store = await open();
    await store.commitFile(path, 'fra fjernlageret\n', { author: ola, reason: 'Synkronisert' });
    await expect(
      store.commitFile(path, 'min endring\n', {
        author: kari,
        reason: 'Lagre',
        expectedPrevious: 'det jeg så\n',
      }),
    ).rejects.toMatchObject({ code: 'stale-head' } satisfies Partial<StoreError>);
    await expect(
      store.commitFile('avtaler/ny.md', 'ny\n', { author: kari, reason: 'Ny', expectedPrevious: null }),
    ).resolves.toMatchObject({ path: 'avtaler/ny.md' });
    await expect(
      store.commitFile(path, 'min endring\n', {
        author: kari,
        reason: 'Lagre',
        expectedPrevious: 'fra fjernlageret\n',
      }),
    ).resolves.toMatchObject({ path });
  });
});
