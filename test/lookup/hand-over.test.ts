/**
 * A clause about handing a young person over («Skolen melder fra til OT», «Henvisning fra NAV til OT») gives
 * the party that hands over a duty in the situation; it does not say who owns the case. A question about who
 * has the case gets the owner's clause first, a question about the hand-over the hand-over clause.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-handover') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a hand-over clause against the owner’s clause', () => {
  it('a question about who has the case gets the owner, not the party that notifies', async () => {
    expect(hits(await ask('sluttet på skolen i fjor, hvem følger opp'))[0]).toBe('sondmark-ramme#avbrutt');
  });

  it('a question about the hand-over itself gets the hand-over clause', async () => {
    expect(hits(await ask('når må skolen melde fra til OT om en elev som slutter'))[0]).toBe(
      'sondmark-ramme#melding-til-ot',
    );
    expect(hits(await ask('skal NAV henvise ungdom med rett til videregående til OT'))[0]).toBe(
      'sondmark-ramme#henvisning-til-ot',
    );
  });
});
