/**
 * Questions asked mid-dispute (src/lookup/question.ts, `disputeFrame`; search.ts, `titleNotCompleted`): the
 * sides a question names («OT sier det er NAV, NAV sier OT», «OT eller NAV?») are its frame, not its case; a
 * title that says the youth has not completed («Over 22 uten å ha fullført» for «22 år, ikke fullført») is
 * about that situation.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { interpret } from '../../src/lookup/question.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-dispute') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a question asked mid-dispute', () => {
  it('the sides and who says what are not searched for', () => {
    expect(interpret('Hun har fagbrev. OT sier det er NAV, NAV sier OT. Hvem har rett?').text).not.toMatch(
      /\b(?:OT|NAV)\b/u,
    );
    expect(interpret('19 år uten jobb: NAV eller OT?').text).not.toMatch(/\b(?:OT|NAV)\b/u);
    expect(interpret('Skolen mener det er NAVs bord').text).toBe('bord');
    // A party the case is about stays: registered with NAV is a situation.
    expect(interpret('registrert hos NAV, 20 år').text).toMatch(/NAV/u);
    expect(interpret('første møte: OT og NAV sammen').text).toBe('første møte: OT og NAV sammen');
  });

  it('a youth with a trade certificate and no job, the sides named, gets the clause on completing', async () => {
    const answer = await ask(
      'Han har fagbrev, men ingen jobb, 19 år. OT sier det er NAV, NAV sier OT. Hvem har rett?',
    );
    expect(hits(answer)[0]).toBe('tindvik-ramme#fullfort');
  });

  it('not completed at 22 gets the clause whose title says so', async () => {
    for (const q of [
      '22 år og har ikke fullført: OT eller NAV?',
      'Hvem tok over en som fylte 22 uten å ha fullført?',
    ]) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe('tindvik-ramme#over-22');
    }
  });
});
