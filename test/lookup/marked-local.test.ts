/**
 * A local clause about a case its author marked (src/lookup/search.ts, `rank`): when the local agreement is not
 * known to apply (no office named, not the person's own) and the question says none of the clause's keywords,
 * a title word that is also a keyword («hybel») names a narrower case than the question asks about, and the
 * umbrella's clause answers. Fixture county: test/fixtures/lookup-marked-local.
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

  it('a question that names the hybel gets the local clause', async () => {
    expect(hits(await ask('hybelbuar som har slutta på skulen, kven tek over?'))[0]).toBe(
      'bakkevik-lokal#hybel',
    );
  });
});
