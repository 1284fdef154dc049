/**
 * A grey zone whose author marked its case (src/lookup/grey-zones.ts, `narrowerCase` and `asksNoKeyword`
 * in src/lookup/search.ts): a title word that is also one of the clause's keywords («aldersgrense»,
 * «hybel») names the narrower case the grey zone is about. A question that says none of its keywords gets
 * the settled clause that fits what it means, even when the grey zone shares more words with it; a question
 * that says them gets the grey zone.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-grey-marked') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a grey zone about a case its author marked governs only a question that names it', () => {
  it('a pupil who has left is not a youth passing OT’s age limit', async () => {
    const answer = await ask('hvem tar seg av ungdom som har gitt opp skolen og meldt seg ut');
    expect(hits(answer)[0]).toBe('sordal-ramme#sluttet');
    expect(answer.caution).toBeNull();
  });

  it('a young adult at home who left school is not a pupil on a hybel', async () => {
    const answer = await ask('hvem skal ta en 22-åring som sluttet på skolen og går hjemme');
    expect(['sordal-ramme#sluttet', 'sordal-ramme#unge-voksne']).toContain(hits(answer)[0]);
    expect(answer.caution).toBeNull();
  });

  it('a question that says the marked case gets the grey zone', async () => {
    const age = await ask('er 24 og blir for gammel for OT ved nyttår, men opplegget varer skoleåret ut');
    expect(hits(age)[0]).toBe('sordal-ramme#aldersgrense');
    expect(age.results[0]?.status).toBe('grey');
    const hybel = await ask('elev på hybel har sluttet på skolen, hvilket NAV-kontor følger opp');
    expect(hits(hybel)[0]).toBe('sordal-ramme#hybel');
    expect(hybel.results[0]?.status).toBe('grey');
  });
});
