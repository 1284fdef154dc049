/**
 * How the question's phrases are read (src/lookup/search.ts `looseSynonyms`): a synonym phrase's negation
 * («uten» of «uten bolig») finds only a clause with the whole phrase, never one that is without something else.
 * What the young person needs is read after «behøver», «må ha», «(trenger) hjelp med» as after «trenger»
 * (src/lookup/opening-thing.ts `neededThing`).
 * Fixture county: test/fixtures/lookup-phrase (Holmvik; nothing about housing).
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-phrase') });

function ask(q: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, county: 'Holmvik', at: '2025-06-01' });
}

describe('a synonym phrase', () => {
  it('does not find a clause by its negation alone', async () => {
    // «bolig», «hybel» and «hjemløs» bring in «uten bolig»; «Lærling uten læreplass» is without something else.
    for (const q of ['hvem hjelper med bolig', 'elev på 17 som er hjemløs', 'gutt på 16 trenger hybel']) {
      const answer = await ask(q);
      expect(hits(answer)).not.toContain('holmvik-avtale#uten-laereplass');
    }
  });

  it('still finds the clause that says the whole phrase', async () => {
    expect(hits(await ask('fikk ikke læreplass'))[0]).toBe('holmvik-avtale#uten-laereplass');
  });
});

describe('what the young person needs', () => {
  it('is read after every way of saying so, beside a school state', async () => {
    for (const q of [
      'gutt på 17 som har sluttet og trenger bolig',
      'gutt på 17 som har sluttet og behøver bolig',
      'gutt på 17 som har sluttet og må ha bolig',
      'gutt på 17 som har sluttet og trenger hjelp med bolig',
      'har sluttet på skolen, hjelp med bolig',
    ]) {
      const answer = await ask(q);
      expect([q, answer.notCovered?.thing]).toEqual([q, 'bolig']);
      expect(hits(answer)[0]).toBe('holmvik-avtale#sluttet');
    }
  });
});
