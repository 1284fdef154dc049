/**
 * Dates written as holidays and as events (src/lookup/holidays.ts, src/lookup/question.ts): «jul 2023» is
 * Christmas 2023, «påske 2021» Easter Sunday of 2021, not the middle of the year, whose version could have
 * another owner; a holiday named apart from its year («jul hjemreise 2023») is that holiday too.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { easterSunday } from '../../src/lookup/holidays.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-dated-events') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, county: 'Skarvik' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a holiday of a year', () => {
  it('is Easter Sunday by the computus', () => {
    expect([2020, 2021, 2024, 2025, 2038].map(easterSunday)).toEqual([
      '2020-04-12',
      '2021-04-04',
      '2024-03-31',
      '2025-04-20',
      '2038-04-25',
    ]);
  });

  it('dates the answer at Christmas, under the version in force then', async () => {
    for (const q of ['hjemreise fly jul 2023 hvem betaler', 'jul hjemreise 2023']) {
      const answer = await ask(q);
      expect(answer.date).toBe('2023-12-24');
      expect(hits(answer)[0]).toBe('skarvik-avtale#hjemreiser');
      expect(answer.results[0]?.owner?.id).toBe('skarvik-fk');
    }
  });

  it('dates the answer at Easter, however the holiday is written', async () => {
    expect((await ask('hjemreise påske 2020')).date).toBe('2020-04-12');
    expect((await ask('påskereise hjem 2021 elev på hybel')).date).toBe('2021-04-04');
    expect((await ask('fly hjem før påsken 2023')).date).toBe('2023-04-01');
  });

  it('reads «etter jul» as the spring term, as schools say it, and «før jul» as the autumn', async () => {
    expect((await ask('hybel, flytter hjem etter jul 2021')).date).toBe('2021-01-02');
    expect((await ask('hjemreise før jul 2022')).date).toBe('2022-12-23');
    expect((await ask('22 år uten jobb eller skole i jula 2024')).date).toBe('2024-12-24');
    expect((await ask('hjemreise i romjula 2024')).date).toBe('2024-12-28');
  });
});

describe('an event the agreement records', () => {
  it('dates «etter vedtaket i SU 2021» from the day the decision took effect in the text', async () => {
    const answer = await ask('sesongarbeid elev 18 etter vedtaket i SU 2021');
    expect(answer.date).toBe('2021-08-01');
    expect(hits(answer)[0]).toBe('skarvik-avtale#sesongarbeid');
    expect(answer.results[0]?.owner?.id).toBe('ot-skarvik');
  });

  it('dates «før vedtaket nov 2022» the day before the decision', async () => {
    const answer = await ask('hjemreise fly før vedtaket nov 2022');
    expect(answer.date).toBe('2022-11-23');
    expect(answer.results[0]?.status).toBe('grey');
  });

  it('reads a decision the agreement does not record as its year', async () => {
    expect((await ask('sesongarbeid etter vedtaket i SU 2020')).date).toBe('2020-07-01');
  });

  it('dates «etter ny opplæringslov» from the version that says it follows the law', async () => {
    const answer = await ask('etter nye opplæringsloven: 22 år utenfor, OT?');
    expect(answer.date).toBe('2025-01-01');
    expect(hits(answer)[0]).toBe('skarvik-avtale#unge-voksne');
    expect(answer.results[0]?.owner?.id).toBe('ot-skarvik');
    // Right after the law came is its day, under the version then in force.
    expect((await ask('rett etter at den nye opplæringsloven kom: 22 år utenfor')).date).toBe('2024-08-01');
  });
});
