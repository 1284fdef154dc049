/**
 * The asker's own office's local agreement (src/lookup/search.ts, `rank`): it applies to the young person's
 * situation as the umbrella does, and answers first only with the question's subject or about the office
 * itself. A NAV Elvdal worker's plain «har slutta» question gets the umbrella's clause, not Elvdal's clause on
 * a narrower case (training at a workplace, a pupil in a hybel). Fixture county: test/fixtures/lookup-own-office.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-own-office') });

/** Asked by a worker at NAV Elvdal. */
function ask(q: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, person: { counties: ['Nordal'], parties: ['nav-elvdal'] } });
}

describe('the asker’s own office’s local agreement', () => {
  it('a plain question about a young person who has left gets the umbrella’s clause', async () => {
    for (const q of ['18 år, har slutta. Kven følgjer opp?', 'ho er 17 og har slutta']) {
      expect(hits(await ask(q))[0]).toBe('nordal-ramme#slutta');
    }
  });

  it('a question that names the local clause’s subject gets the local clause', async () => {
    expect(hits(await ask('hybelbuar som har slutta på skulen, kven følgjer opp?'))[0]).toBe(
      'elvdal-lokal#hybel',
    );
  });

  it('a question about the office itself gets the local clause', async () => {
    expect(hits(await ask('kva dag er OT hos oss?'))[0]).toBe('elvdal-lokal#ot-dag');
  });

  it('named in the question, the office’s local agreement answers first as before', async () => {
    const answer = await gjerde.gjerde.lookup.search({ q: 'har slutta på skulen, 17 år, NAV Elvdal' });
    expect(hits(answer)[0]?.startsWith('elvdal-lokal#')).toBe(true);
  });
});
