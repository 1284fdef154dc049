/**
 * The whole output of comparisons over many revisions, held against files written once
 * (`UPDATE_COMPARE=1 npm run jest -- test/history/compare-output` writes them anew): what compare reads and
 * how (the revisions between, their status and parties, the two versions, the redline's budget) may change
 * for speed, what it says may not. Commit ids are named by their place in the history, so the files do not
 * depend on when the store was seeded.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AgreementHistory } from '../../src/history/history.js';
import type { Store } from '../../src/store/store.js';
import { seededStore, tempDirs } from './helpers.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'compare-output');
const update = process.env.UPDATE_COMPARE === '1';
const today = '2026-11-22';
const dirs = tempDirs();
let store: Store;

beforeAll(async () => {
  store = await seededStore(await dirs.make());
});
afterAll(async () => {
  await store.close();
  await dirs.cleanup();
});

/** The comparison as JSON, each commit id (or a prefix of one) replaced by `r<index>` in the agreement's history. */
async function held(id: string, options: { from?: string; to?: string }): Promise<string> {
  const history = new AgreementHistory(store);
  const { entries } = await history.timeline(id, today);
  const comparison = await history.compare(id, { ...options, today });
  let text = JSON.stringify(comparison, null, 2);
  for (const entry of entries) text = text.replaceAll(entry.rev, `r${entry.index}`);
  expect(text).not.toMatch(/[0-9a-f]{40}/);
  return `${text}\n`;
}

async function expectHeld(name: string, text: string): Promise<void> {
  const file = join(fixtures, `${name}.json`);
  if (update) await writeFile(file, text);
  expect(text).toBe(await readFile(file, 'utf8'));
}

/** The commit id of revision `index` (0 is the oldest). */
async function revAt(id: string, index: number): Promise<string> {
  const { entries } = await new AgreementHistory(store).timeline(id, today);
  const entry = entries.find((candidate) => candidate.index === index);
  if (!entry) throw new Error(`${id} has no revision ${index}`);
  return entry.rev;
}

describe('comparisons over many revisions say exactly what they said', () => {
  it('the first revision against the newest, by commit ids (every revision between)', async () => {
    const { entries } = await new AgreementHistory(store).timeline('fjordvik-ramme', today);
    const newest = entries[0]?.index ?? 0;
    expect(newest).toBeGreaterThan(10);
    const text = await held('fjordvik-ramme', {
      from: await revAt('fjordvik-ramme', 0),
      to: await revAt('fjordvik-ramme', newest),
    });
    await expectHeld('fjordvik-ramme-first-newest', text);
  });

  it('two revisions in the middle, by short prefixes', async () => {
    const from = (await revAt('fjordvik-ramme', 2)).slice(0, 8);
    const to = (await revAt('fjordvik-ramme', 9)).slice(0, 10);
    await expectHeld('fjordvik-ramme-2-9', await held('fjordvik-ramme', { from, to }));
  });

  it('two dates, and the default pair', async () => {
    await expectHeld(
      'fjordvik-ramme-dates',
      await held('fjordvik-ramme', { from: '2018-06-01', to: '2024-01-01' }),
    );
    await expectHeld('innmark-samarbeidsavtale-default', await held('innmark-samarbeidsavtale', {}));
  });
});

describe('a cold comparison asks git for each file once', () => {
  it('the newer revision, also the last of those between, is one read', async () => {
    const from = await revAt('fjordvik-ramme', 2);
    const to = await revAt('fjordvik-ramme', 9);
    const asked: string[] = [];
    const read = store.readFileBytes.bind(store);
    store.readFileBytes = (path, rev) => {
      asked.push(`${rev}:${path}`);
      return read(path, rev);
    };
    try {
      const comparison = await new AgreementHistory(store).compare('fjordvik-ramme', { from, to, today });
      expect(comparison.between.at(-1)?.rev).toBe(to);
      expect(asked).toContain(`${to}:avtaler/fjordvik-ramme.md`);
      expect(asked.length).toBe(new Set(asked).size);
    } finally {
      store.readFileBytes = read;
    }
  });
});
