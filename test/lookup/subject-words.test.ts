/**
 * What a question is about when it says it in a word the agreements write otherwise: a compound no
 * dictionary takes apart is asked about by the agreements' own word it begins with («lavterskeltilbudet»:
 * the keyword «lavterskel»), which then anchors the question as the word would. Fixture county:
 * test/fixtures/lookup-subject-words (Brekke).
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({
  examplesDir: join(projectRoot, 'test/fixtures/lookup-subject-words'),
});

function ask(q: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, county: 'Brekke' });
}

describe('a compound no dictionary takes apart', () => {
  it('is asked about by the agreement’s word it begins with: the grey zone about it comes first', async () => {
    for (const q of [
      'er lavterskeltilbudet for ungdom NAV sitt ansvar nå? hørte det var vedtatt',
      'hvem har lavterskeltilbud for ungdom',
    ]) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe('brekke-ramme#aktivitetstilbud');
    }
  });

  it('is not taken apart when the dictionaries know it, or a head shorter than a word', async () => {
    // «busskortet» is the agreement's own word; «ungdomskontakten» a compound the dictionaries know.
    expect(hits(await ask('hvem betaler busskortet til ungdom i tiltak'))[0]).toBe('brekke-ramme#busskort');
    expect(hits(await ask('hvem er ungdomskontakten på NAV'))[0]).toBe('brekke-ramme#ungdomskontakt');
  });
});
