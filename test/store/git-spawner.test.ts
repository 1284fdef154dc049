import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { type Revision, Store } from '../../src/store/store.js';
import { git, kari, tempDirs } from './helpers.js';

const dirs = tempDirs();
const stores: Store[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await dirs.cleanup();
});

async function openStore(): Promise<Store> {
  const store = await Store.open(await dirs.make());
  stores.push(store);
  return store;
}

/** The helper process a store started for its commits: this process's child running `node -e`. */
function helperPid(): number | undefined {
  const children = readdirSync('/proc/self/task').flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
  );
  const helpers = children.filter((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[0] === process.execPath && args[1] === '-e';
    } catch {
      return false;
    }
  });
  if (helpers.length > 1) throw new Error(`several helper processes: ${helpers.join(', ')}`);
  return helpers[0] === undefined ? undefined : Number(helpers[0]);
}

/** Ends the helper that starts the store's commits and waits until it is gone. */
async function endHelper(): Promise<void> {
  const pid = helperPid();
  if (pid === undefined) throw new Error('no helper runs');
  process.kill(pid, 'SIGKILL');
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const path = 'avtaler/a.md';

describe('commits started by the helper process (src/store/git-spawner.ts)', () => {
  it('a save after the helper was ended starts a new one and commits', async () => {
    const store = await openStore();
    await store.commitFile(path, 'én\n', { author: kari, reason: 'Opprettet' });
    await store.commitFile(path, 'to\n', { author: kari, reason: 'Endret' });
    const first = helperPid();
    await endHelper();
    const revision = await store.commitFile(path, 'tre\n', { author: kari, reason: 'Endret igjen' });
    expect(helperPid()).not.toBe(first);
    expect(await store.readFile(path)).toBe('tre\n');
    expect(git(store.dir, 'log', '--format=%H %s').trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${revision.rev} Endret igjen$`)),
      expect.stringMatching(/ Endret$/),
      expect.stringMatching(/ Opprettet$/),
    ]);
  });

  it('closing the store ends its helper', async () => {
    const store = await Store.open(await dirs.make());
    await store.commitFile(path, 'én\n', { author: kari, reason: 'Opprettet' });
    const pid = helperPid();
    expect(pid).toBeDefined();
    await store.close();
    // The helper ends once its input closes; nothing is left running after the store.
    while (helperPid() === pid) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(helperPid()).toBeUndefined();
  });

  it('a helper ended during a save loses no acknowledged save, and the next save commits', async () => {
    const store = await openStore();
    await store.commitFile(path, 'én\n', { author: kari, reason: 'Opprettet' });
    await store.commitFile(path, 'to\n', { author: kari, reason: 'Endret' });
    const saving = store.commitFile(path, 'tre\n', { author: kari, reason: 'Under stans' });
    const outcome = saving.then(
      (revision: Revision) => revision,
      (error: unknown) => error as Error,
    );
    await endHelper();
    const settled = await outcome;
    // Either the commit landed before the helper ended, or the save was refused; then git had ended first.
    if (!(settled instanceof Error)) {
      expect(git(store.dir, 'log', '-1', '--format=%H')).toBe(`${settled.rev}\n`);
      expect(await store.readFile(path)).toBe('tre\n');
    }
    const after = await store.commitFile(path, 'fire\n', { author: kari, reason: 'Etterpå' });
    expect(await store.readFile(path)).toBe('fire\n');
    expect(git(store.dir, 'log', '-1', '--format=%H')).toBe(`${after.rev}\n`);
    expect(git(store.dir, 'status', '--porcelain')).toBe('');
  });
});
