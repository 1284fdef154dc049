import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseAgreement } from '../../src/format/processor.js';
import type { Clause } from '../../src/format/types.js';
import {
  clauseFacts,
  describeCost,
  formatDate,
  formatDateTime,
  list,
  listNames,
  validOn,
} from '../../src/format/wording.js';

describe('Norwegian wording of dates and moments', () => {
  it('writes a moment as «6. desember 2026 kl. 01.31», in Norwegian time', () => {
    expect(formatDateTime('2026-12-06T00:31:39Z')).toBe('6. desember 2026 kl. 01.31');
    // Summer time, across midnight.
    expect(formatDateTime('2026-07-01T22:05:00Z')).toBe('2. juli 2026 kl. 00.05');
    expect(formatDate('2019-03-01')).toBe('1. mars 2019');
  });

  it('says «gjaldt» of a past date, «gjelder» of today and «vil gjelde» of a date ahead', () => {
    expect(validOn('2018-06-01', '2026-12-06')).toBe('gjaldt');
    expect(validOn('2026-12-06', '2026-12-06')).toBe('gjelder');
    expect(validOn('2030-01-01', '2026-12-06')).toBe('vil gjelde');
  });
});

describe('who pays, in words', () => {
  const input = readFileSync(
    fileURLToPath(new URL('../fixtures/format/good/shared-cost/input.md', import.meta.url)),
    'utf8',
  );
  const { agreement } = parseAgreement(input);
  const cost = (id: string) =>
    clauseFacts(agreement.clauses.find((clause) => clause.id === id) as Clause, agreement).find(
      ([label]) => label === 'Kostnad',
    )?.[1];

  it('names the one party that pays it all, as before shared costs', () => {
    expect(cost('skyss')).toBe('Vestland fylkeskommune');
  });

  it('says «delt likt mellom …» for equal shares, and the percentages for written ones', () => {
    expect(cost('veileder')).toBe('delt likt mellom NAV Vestland og Vestland fylkeskommune');
    expect(cost('kurs')).toBe(
      'delt likt mellom Oppfølgingstjenesten, NAV Vestland og Vestland fylkeskommune',
    );
    expect(cost('arbeidsklaer')).toBe('NAV Vestland 60 %, Vestland fylkeskommune 40 %');
  });

  it('in a comparison, gives a split with its percentages', () => {
    expect(
      describeCost(
        [
          { name: 'NAV', percent: 50 },
          { name: 'OT', percent: 50 },
        ],
        'change',
      ),
    ).toBe('delt NAV 50 % / OT 50 %');
    expect(describeCost([{ name: 'NAV', percent: 100 }], 'change')).toBe('NAV');
    expect(describeCost([])).toBeUndefined();
  });
});

describe('lists of names', () => {
  it('joins as Norwegian does, «a, b og c»', () => {
    expect(list([])).toBe('');
    expect(list(['NAV Berg'])).toBe('NAV Berg');
    expect(list(['a', 'b', 'c'])).toBe('a, b og c');
    expect(listNames(['NAV Berg', 'NAV Vik'])).toBe('NAV Berg og NAV Vik');
  });

  it('quotes every name when one holds «og» itself, so the list says where each name ends', () => {
    expect(listNames(['NAV Strandby og Berg', 'NAV Berg'])).toBe('«NAV Strandby og Berg» og «NAV Berg»');
    expect(listNames(['NAV Vik', 'NAV Sogn og Fjordane', 'NAV Berg'])).toBe(
      '«NAV Vik», «NAV Sogn og Fjordane» og «NAV Berg»',
    );
    // A word with «og» in it is no conjunction; one name alone needs no quotes.
    expect(listNames(['NAV Sogndal', 'NAV Berg'])).toBe('NAV Sogndal og NAV Berg');
    expect(listNames(['NAV Strandby og Berg'])).toBe('NAV Strandby og Berg');
  });
});
