/**
 * A sub-agreement's settled clause answers for its area what the umbrella leaves open only when it is about the
 * same case: one that fits less of the question's situation is about another (issue 11, blind-12 b12-060:
 * «Bortebuer som slutter og flytter hjem» over the umbrella's grey zone on home journeys, asked about a pupil on
 * a hybel travelling home at Easter). src/lookup/grey-zones.ts `governingGreyZone`.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-grey-level') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, county: 'Kilvik' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('the umbrella’s grey zone beside a sub-agreement’s settled clause', () => {
  it('governs when the settled clause fits less of the situation', async () => {
    const answer = await ask('påskereise hjem 2025 elev på hybel');
    expect(hits(answer)[0]).toBe('kilvik-ramme#hjemreiser');
    expect(answer.results[0]?.status).toBe('grey');
  });

  it('does not govern the sub-agreement’s own case', async () => {
    const answer = await ask('hybelelev som har sluttet og flytter hjem, hvem følger opp');
    expect(hits(answer)[0]).toBe('kilvik-hybel#flytter-hjem');
  });
});
