/**
 * As of a date: answers come from the versions in force on that date by their validity dates (not commit
 * dates); drafts never answer.
 */
import { describe, expect, it } from '@jest/globals';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

/** An answer as the API gives it: each result with the link to its clause. */
type ApiAnswer = Omit<LookupAnswer, 'results'> & { results: Array<LookupResult & { permalink: string }> };

const gjerde = testGjerdeForFile();

/** The questions are about Fjordvik's agreements; the store holds other counties' examples too. */
async function ask(q: string, at: string): Promise<ApiAnswer> {
  // Every part of each result: `costBearer` beside the owner.
  const response = await gjerde.reader.get('/api/lookup').query({ q, at, county: 'Fjordvik', full: '1' });
  expect(response.status).toBe(200);
  return response.body as ApiAnswer;
}

describe('the umbrella agreement’s owner change for «Lærling uten læreplass» (2019)', () => {
  it('before: the county', async () => {
    const [first] = (await ask('fikk ikke læreplass', '2018-06-01')).results;
    expect(first).toMatchObject({
      agreementId: 'fjordvik-ramme',
      clauseId: 'uten-laereplass',
      owner: { id: 'fjordvik-fk' },
    });
    expect(first?.validity).toEqual({ from: '2017-01-01', to: '2018-12-31' });
    expect(first?.permalink).toBe('/avtaler/fjordvik-ramme?at=2018-06-01#uten-laereplass');
  });

  it('after: NAV', async () => {
    const [first] = (await ask('fikk ikke læreplass', '2019-06-01')).results;
    expect(first).toMatchObject({
      agreementId: 'fjordvik-ramme',
      clauseId: 'uten-laereplass',
      owner: { id: 'nav-fjordvik', name: 'NAV Fjordvik' },
    });
    expect(first?.validity).toEqual({ from: '2019-01-01', to: '2020-12-31' });
  });

  it('on the last and first day of the two periods', async () => {
    expect((await ask('fikk ikke læreplass', '2018-12-31')).results[0]?.owner?.id).toBe('fjordvik-fk');
    expect((await ask('fikk ikke læreplass', '2019-01-01')).results[0]?.owner?.id).toBe('nav-fjordvik');
  });

  it('by validity date, not commit date: the 2019 version was saved in December 2018', async () => {
    const [first] = (await ask('fikk ikke læreplass', '2018-12-20')).results;
    expect(first?.owner?.id).toBe('fjordvik-fk');
  });
});

describe('a grey zone that was settled (arbeidsklær, 2021)', () => {
  it('is «Uavklart» in 2019, with where to take the case', async () => {
    const [first] = (await ask('hvem betaler arbeidsklær', '2019-06-01')).results;
    expect(first).toMatchObject({
      clauseId: 'arbeidsklaer',
      status: 'grey',
      owner: null,
      escalation: 'Samarbeidsutvalget',
    });
  });

  it('has an owner and a cost bearer in 2021', async () => {
    const [first] = (await ask('hvem betaler arbeidsklær', '2021-06-01')).results;
    expect(first).toMatchObject({
      clauseId: 'arbeidsklaer',
      status: 'settled',
      owner: { id: 'nav-fjordvik' },
      costBearer: { id: 'nav-fjordvik' },
    });
  });
});

describe('what is not in force does not answer', () => {
  it('a draft never answers, also on the date it would take effect', async () => {
    // The 2026 draft of fjordvik-ot-nav adds «#ut-av-ot» from 1 January 2027 and settles «#tiltak-faller-bort».
    const later = await ask('ungdom som snart går ut av OTs målgruppe', '2027-06-01');
    expect(hits(later)).not.toContain('fjordvik-ot-nav#ut-av-ot');
    const [dropped] = (await ask('tiltaket faller bort', '2027-06-01')).results;
    expect(dropped).toMatchObject({
      clauseId: 'tiltak-faller-bort',
      status: 'grey',
      validity: { from: '2025-10-01', to: null },
    });
  });

  it('an agreement not yet in force on the date does not answer', async () => {
    // The local agreement in Strandby took effect on 20 August 2018.
    expect(hits(await ask('OT-dag på NAV-kontoret', '2018-08-19'))).not.toContain('strandby-lokal#ot-dag');
    expect(hits(await ask('OT-dag på NAV-kontoret', '2018-08-20'))).toContain('strandby-lokal#ot-dag');
  });

  it('before any agreement, says so plainly', async () => {
    const answer = await ask('fikk ikke læreplass', '2010-01-01');
    expect(answer.results).toEqual([]);
    expect(answer.message).toBe('Ingen avtaler var i kraft 1. januar 2010.');
    expect(answer.emptyBecause).toBe('none-in-force');
  });

  it('the OT-dag moved from Tuesday to Thursday in January 2023', async () => {
    const before = (await ask('OT-dag', '2022-12-01')).results.find((result) => result.clauseId === 'ot-dag');
    const after = (await ask('OT-dag', '2023-02-01')).results.find((result) => result.clauseId === 'ot-dag');
    expect(before?.clauseTitle).toBe('OT-dag på NAV Strandby hver tirsdag');
    expect(after?.clauseTitle).toBe('OT-dag på NAV Strandby hver torsdag');
  });
});
