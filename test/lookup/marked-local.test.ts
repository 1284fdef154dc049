/**
 * A local clause about a case its author marked (src/lookup/search.ts, `rank`): when the question says none of
 * the clause's keywords (a keyword of several words only whole), a title word that is also a keyword («hybel»)
 * names a narrower case than the question asks about, and the umbrella's clause answers: whether or not the
 * local agreement is known to apply (the person's own office, or its area named). Fixture county:
 * test/fixtures/lookup-marked-local.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-marked-local') });

/** Asked by a worker at the county's NAV office, not at NAV Bakkevik. */
function ask(q: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, person: { counties: ['Sørvik'], parties: ['nav-sorvik'] } });
}

describe('a local clause about a case its author marked', () => {
  it('a plain question about a young person who has left gets the umbrella’s clause', async () => {
    for (const q of ['17 år, slutta på skulen. Kven tek over?', 'han har slutta på skulen, 18 år']) {
      expect(hits(await ask(q))[0]).toBe('sorvik-ramme#slutta');
    }
  });

  it('so does one asked at the local agreement’s own office, or naming its area', async () => {
    const atBakkevik = (q: string) =>
      gjerde.gjerde.lookup.search({ q, person: { counties: ['Sørvik'], parties: ['nav-bakkevik'] } });
    expect(hits(await atBakkevik('17 år, slutta på skulen. Kven tek over?'))[0]).toBe('sorvik-ramme#slutta');
    expect(hits(await ask('ungdom i Bakkevik har slutta på skulen, 18 år'))[0]).toBe('sorvik-ramme#slutta');
    expect(hits(await atBakkevik('hybelbuar som har slutta på skulen, kven tek over?'))[0]).toBe(
      'bakkevik-lokal#hybel',
    );
  });

  it('a question that names the hybel gets the local clause', async () => {
    expect(hits(await ask('hybelbuar som har slutta på skulen, kven tek over?'))[0]).toBe(
      'bakkevik-lokal#hybel',
    );
  });
});
