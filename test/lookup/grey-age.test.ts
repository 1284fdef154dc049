/**
 * A case the agreement splits by age, settled for the young and a grey zone for the older
 * (src/lookup/search.ts, `narrowerCase`): a question without an age is not about the grey zone's ages, and
 * an age ending a sentence («hun er 17. Hvem …») is the youth's age (src/lookup/question.ts).
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-grey-age') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, at: '2025-03-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a year alone', () => {
  it('is a day of that year the agreement was in force, when it began after the middle', async () => {
    const response = await gjerde.reader
      .get('/api/lookup')
      .query({ q: 'Vassli, 2024: hvem har en bortebuer?' });
    const answer = response.body as LookupAnswer;
    expect(answer.date).toBe('2024-10-16');
    expect(hits(answer)[0]).toBe('vassli-ramme#hybel-under-18');
  });
});

describe('a case split by age', () => {
  it('without an age, the settled clause comes first and the grey zone for the older right below', async () => {
    const answer = await ask('hvem følger opp en elev som bor på hybel');
    expect(hits(answer).slice(0, 2)).toEqual(['vassli-ramme#hybel-under-18', 'vassli-ramme#hybel-over-18']);
    expect(answer.caution).toBeNull();
  });

  it('an age the grey zone excludes leaves it out, also when the age ends a sentence', async () => {
    const answer = await ask('Eleven bor på hybel, hun er 17. Hvem følger opp?');
    expect(answer.question.age).toEqual({ min: 17, max: 17 });
    expect(hits(answer)).toEqual(['vassli-ramme#hybel-under-18']);
  });

  it('an age within the grey zone gets the grey zone', async () => {
    const answer = await ask('Eleven bor på hybel. Han er 19. Hvem følger opp?');
    expect(hits(answer)[0]).toBe('vassli-ramme#hybel-over-18');
    expect(answer.results[0]?.status).toBe('grey');
  });
});
