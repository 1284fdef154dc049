/**
 * A question told as a story on the phone (issue 11): the month told apart from its year («det var i 2023, i
 * mars»), a date or an age the caller corrects («i 2022 – nei, vent, i 2024», «17 – nei, hun fylte 18»), and a
 * thing set aside as settled («– det har vi ordnet –») or named as what is asked («Det jeg lurer på er …»).
 * src/lookup/question.ts `toldApart`, `readCorrectedAge`; src/lookup/spoken.ts `correctedParts`, `setAside`,
 * `askedPart`.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { askedPart, setAside } from '../../src/lookup/spoken.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-told-story') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, county: 'Tindeby' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('the date a story tells', () => {
  it('is the month told apart from its year, not the middle of the year', async () => {
    const answer = await ask(
      'Det gjelder en på 23 som bare har sittet hjemme – det var i 2023, i mars. Hvem hadde ham da?',
    );
    expect(answer.question.date).toEqual({ date: '2023-03-01', text: 'i 2023, i mars' });
    expect(hits(answer)[0]).toBe('tindeby-avtale#over-21');
    expect(answer.results[0]?.owner?.id).toBe('nav-tindeby');
  });

  it('is the date after the caller’s correction, not the one taken back', async () => {
    const answer = await ask('En på 22 satt hjemme i 2022 – nei, vent, i 2024. Hvem hadde ansvaret da?');
    expect(answer.question.date).toEqual({ date: '2024-07-01', text: 'i 2024' });
    expect(answer.results[0]?.owner?.id).toBe('ot-tindeby');
  });
});

describe('the age a story tells', () => {
  it('is the age after the caller’s correction', async () => {
    const answer = await ask(
      'Hun er 17 – nei, hun fylte 18 i forrige uke – og går på vg1 som deltaker i introprogrammet. Hvem har henne?',
    );
    expect(answer.question.age).toEqual({ min: 18, max: 18 });
    expect(hits(answer)[0]).toBe('tindeby-avtale#introduksjon');
  });
});

describe('the thing a story asks about', () => {
  it('leaves out what the caller sets aside as settled', async () => {
    expect(setAside('Vi har en lærling som mistet plassen – det har vi ordnet – men så en til.')).toEqual({
      said: '– men så en til.',
      aside: 'Vi har en lærling som mistet plassen',
    });
    const answer = await ask(
      'Vi har en lærling som mistet plassen – det har vi ordnet – men så er det en flyktning på 19 i introprogrammet, elev på vg1. Hvem tar ham?',
    );
    expect(hits(answer)[0]).toBe('tindeby-avtale#introduksjon');
  });

  it('keeps the age the story set aside said, when nothing after it says another', async () => {
    const answer = await ask(
      'Det gjelder ei jente på 20 med ettervern, men det er ordnet. Nå trenger hun også en psykolog. Hvem tar kontakt?',
    );
    expect(answer.question.age).toEqual({ min: 20, max: 20 });
    expect(hits(answer)[0]).toBe('tindeby-avtale#psykolog');
    expect(answer.results[0]?.status).toBe('grey');
  });

  it('puts the grey zone on what comes after «det jeg lurer på» over the settled story before it', async () => {
    expect(askedPart('Han skulker. Det jeg lurer på er psykologen: hvem?')).toBe('psykologen: hvem?');
    const answer = await ask(
      'Eleven er 16, har mye fravær og sover dårlig. Det jeg lurer på er psykologen: hvem skal sørge for at hun kommer dit?',
    );
    expect(hits(answer)[0]).toBe('tindeby-avtale#psykolog');
    expect(answer.caution?.clauseId).toBe('psykolog');
  });
});
