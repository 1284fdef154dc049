/**
 * Between a grey zone and a settled neighbour, the thing the question is about decides (src/lookup/
 * opening-thing.ts `askedThing`, grey-zones.ts `thingIn`): the thing the young person needs («trenger hybel»),
 * or the head of the nouns the question opens with («lærling bustad», «hybel fravær»), not a count of the side
 * words each clause shares with the question («byen», «hjelper», «langt»).
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { term } from '../../src/lookup/norwegian.js';
import { askedThing } from '../../src/lookup/opening-thing.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-grey-thing') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, county: 'Lyngset' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('the thing asked about decides between a grey zone and a settled neighbour', () => {
  it('reads the thing needed, or the last noun the question opens with, never a person', () => {
    expect(askedThing('lærling trenger hybel i byen hvem hjelper')).toBe(term('hybel'));
    expect(askedThing('lærling bustad langt heimanfrå')).toBe(term('bolig'));
    expect(askedThing('hybel fravær')).toBe(term('fravær'));
    expect(askedThing('hvem følger opp eleven')).toBeUndefined();
  });

  it('puts the grey zone on housing first when housing is asked for', async () => {
    for (const q of ['lærling trenger hybel i byen hvem hjelper', 'lærling bustad langt heimanfrå']) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe('lyngset-avtale#bolig-laerling');
      expect(answer.results[0]?.status).toBe('grey');
    }
  });

  it('puts the settled clause on absence first when absence is asked for', async () => {
    const answer = await ask('hybel fravær');
    expect(hits(answer)[0]).toBe('lyngset-avtale#elev-fravaer');
    expect(answer.results[0]?.owner?.id).toBe('lyngset-fk');
  });
});
