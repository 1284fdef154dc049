import { afterEach, describe, expect, it } from '@jest/globals';
import { AtHead } from '../../src/store/at-head.js';
import { Store } from '../../src/store/store.js';
import { kari, tempDirs } from './helpers.js';

const dirs = tempDirs();
const stores: Store[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await dirs.cleanup();
});

async function storeWithOneCommit(): Promise<Store> {
  const store = await Store.open(await dirs.make());
  stores.push(store);
  await store.commitFile('avtaler/a.md', 'første\n', { author: kari, reason: 'Første' });
  return store;
}

describe('AtHead', () => {
  it('reads once for requests that ask together, and again when HEAD moves', async () => {
    const store = await storeWithOneCommit();
    const reads: Array<string | undefined> = [];
    const text = new AtHead(store, async (head) => {
      reads.push(head);
      return (await store.readFile('avtaler/a.md')) ?? '';
    });
    const together = await Promise.all(Array.from({ length: 32 }, () => text.read()));
    expect(new Set(together)).toEqual(new Set(['første\n']));
    expect(reads).toEqual([await store.head()]);
    expect(text.current()).toBe('første\n');

    await store.commitFile('avtaler/a.md', 'andre\n', { author: kari, reason: 'Andre' });
    expect(await Promise.all([text.read(), text.read()])).toEqual(['andre\n', 'andre\n']);
    expect(reads).toEqual([reads[0], await store.head()]);
    expect(text.current()).toBe('andre\n');
  });

  it('reads again after a read that failed', async () => {
    const store = await storeWithOneCommit();
    let attempts = 0;
    const flaky = new AtHead(store, async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('git svarte ikke');
      return attempts;
    });
    await expect(Promise.all([flaky.read(), flaky.read()])).rejects.toThrow('git svarte ikke');
    expect(flaky.current()).toBeUndefined();
    expect(await flaky.read()).toBe(2);
    expect(attempts).toBe(2);
  });
});
