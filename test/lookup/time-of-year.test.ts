/**
 * Times of year (src/lookup/time-of-year.ts): a month or a season in a question («i aug», «i desember»,
 * «sommarstengt») is a facet that the clauses named by the same time of year fit (an årshjul's «I august: …»,
 * «Fra 1. november: …», «I juli: … sommerstengt»); a clause named by another time of year fits less, and one
 * whose text only mentions a time is not taken as about it. A question with no time of year is answered as
 * before.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { monthsNamed, timesInFull } from '../../src/lookup/time-of-year.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-time-of-year') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

/** The months of a mask, 1–12. */
function monthsOf(mask: number): number[] {
  return [...Array(12).keys()].filter((month) => mask & (1 << month)).map((month) => month + 1);
}

describe('the times of year a text names', () => {
  it.each([
    ['hvem sender lista i aug', [8]],
    ['augst liste ikke møtt', [8]],
    ['uten læreplass i desember', [12]],
    ['fortsatt uten læreplass feb', [2]],
    ['slutta jul. ', [7]],
    // A season, its nynorsk form and a compound that keeps it a time.
    ['sommarstengt OT kven tek over', [6, 7, 8]],
    ['læreplass ikke fått vinter', [1, 2, 12]],
    ['i fellesferien', [7]],
    ['før jul', [11]],
    ['etter jul', [1]],
    ['sluttet å komme etter høstferien', [10, 11]],
    ['etter sommeren', [9]],
    // From a day on: the rest of the school year; up to the first of a month: the month before.
    ['Fra 1. november: søkere går over til OT', [1, 2, 3, 4, 5, 6, 7, 11, 12]],
    ['innen 1 nov kartleggingssamtale', [10]],
    ['innen 15. september', [9]],
  ])('«%s»: %j', (text, expected) => {
    expect(monthsOf(monthsNamed(text))).toEqual(expected);
  });

  it.each([
    // A dated day or month is when something happened, not a time of year.
    'Endret fra 1. august 2023.',
    'drøftet i juni 2022',
    // Not «vår» (our), «høste» (harvest) nor «jul» inside «juli»'s neighbours.
    'i vår kommune',
    'høste erfaring',
    '17 år sluttet på vgs',
  ])('«%s» names none', (text) => {
    expect(monthsNamed(text)).toBe(0);
  });

  it('writes a month and a nynorsk season as the agreements do, to search by', () => {
    expect(timesInFull('hvem sender lista i aug')).toBe('hvem sender lista i august');
    expect(timesInFull('augst liste, slutta jul. 2024')).toBe('august liste, slutta juli 2024');
    expect(timesInFull('sommarstengt OT, i hausten')).toBe('sommerstengt OT, i høsten');
    expect(timesInFull('før jul, i mars, Mai')).toBe('før jul, i mars, Mai');
  });
});

describe('a question about a time of year', () => {
  it('answers with the clause named by the month it names', async () => {
    // Without the month, the September clause's title says «sender … lista»; the August list is the asked one.
    expect(hits(await ask('Tverrli: hvem sender lista'))[0]).toBe('tverrli-arshjul#september-liste');
    expect(hits(await ask('Tverrli: hvem sender lista i aug'))[0]).toBe('tverrli-arshjul#august-melding');
    expect(hits(await ask('Tverrli: kven sender lista i august'))[0]).toBe('tverrli-arshjul#august-melding');
  });

  it('answers with the clause whose period holds the month asked about', async () => {
    expect(hits(await ask('Tverrli: ikke fått læreplass'))[0]).toBe('tverrli-arshjul#uten-laereplass');
    for (const q of [
      'uten læreplass i desember hvem',
      'fortsatt uten læreplass feb',
      'ikke fått læreplass vinter',
    ]) {
      const answer = await ask(`Tverrli: ${q}`);
      expect(hits(answer)[0]).toBe('tverrli-arshjul#november-laereplass');
      expect(answer.results[0]?.owner?.id).toBe('ot-tverrli');
    }
    // August is before the switch: the fagopplæringen's clause, not the one named «Fra 1. november».
    expect(hits(await ask('Tverrli: fikk ikke læreplass aug'))[0]).toBe('tverrli-arshjul#uten-laereplass');
  });

  it('reads a season in nynorsk and in a compound', async () => {
    const answer = await ask('Tverrli: sommarstengt OT kven tek over');
    expect(hits(answer)[0]).toBe('tverrli-arshjul#juli-sommer');
    expect(answer.results[0]?.owner?.id).toBe('nav-tverrli');
  });
});

describe('a school year or the start of school as the date', () => {
  it.each([
    ['Tverrli: elev ikke møtt skoleåret 21/22', '2021-10-01', 'vgs-tverrli'],
    ['Tverrli: elev ikke møtt sk.år 22/23', '2022-10-01', 'ot-tverrli'],
    ['Tverrli: elev ikke møtt 21/22', '2021-10-01', 'vgs-tverrli'],
    ['Tverrli: elev ikke møtt skoleår 2022/2023', '2022-10-01', 'ot-tverrli'],
    ['Tverrli: møtte ikke opp skolestart 2022', '2022-08-15', 'ot-tverrli'],
  ])('«%s» is asked on %s (%s)', async (q, date, owner) => {
    const answer = await ask(q);
    expect(answer.date).toBe(date);
    expect(hits(answer)[0]).toBe('tverrli-arshjul#ikke-mott');
    expect(answer.results[0]?.owner?.id).toBe(owner);
  });
});
