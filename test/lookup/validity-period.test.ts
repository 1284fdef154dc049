/**
 * What is in force is made once per validity period, not once per date: every date between two dates where
 * some version's validity starts or ends shares one entry, and dates on either side of such a date do not.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildIndex } from '../../src/lookup/build.js';
import type { ClauseIndex } from '../../src/lookup/clause-index.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile();
let index: ClauseIndex;

beforeAll(async () => {
  ({ index } = await buildIndex(gjerde.gjerde.store));
});

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Read here from the versions themselves: each version's first day and the day after its last. */
function changeDates(): string[] {
  const dates = new Set<string>();
  for (const id of index.agreementIds())
    for (const { agreement } of index.history(id)) {
      dates.add(agreement.meta.validFrom);
      if (agreement.meta.validTo) dates.add(dayAfter(agreement.meta.validTo));
    }
  return [...dates].sort();
}

/** Fjordvik's umbrella agreement moves «Lærling uten læreplass» to NAV from this day (point-in-time.test.ts). */
const change = '2019-01-01';

describe('the validity period of a date', () => {
  it('is the last change on or before it, the same for every day up to the next change', () => {
    const dates = changeDates();
    expect(dates).toContain(change);
    const next = dates[dates.indexOf(change) + 1] as string;
    const lastDay = dayBefore(next);
    expect(lastDay > change).toBe(true);
    expect(index.validityPeriod(change)).toBe(change);
    expect(index.validityPeriod(lastDay)).toBe(change);
    expect(index.validityPeriod(next)).toBe(next);
    expect(index.validityPeriod(dayBefore(change))).toBe(dates[dates.indexOf(change) - 1]);
    expect(index.validityPeriod(dayBefore(dates[0] as string))).toBe('');
  });

  it('shares one entry between two dates of the period', () => {
    const next = changeDates()[changeDates().indexOf(change) + 1] as string;
    // The later date first: the entry is not the first date's own.
    const late = index.docsInForce(dayBefore(next));
    expect(index.docsInForce(change)).toBe(late);
    expect(index.inForce(change)).toBe(index.inForce(dayBefore(next)));
  });

  it('does not share it across a change', () => {
    const before = dayBefore(change);
    expect(index.docsInForce(before)).not.toBe(index.docsInForce(change));
    expect(index.inForce(before)).not.toBe(index.inForce(change));
    // And the change is real: the umbrella agreement's version differs on the two days.
    expect(index.inForce(before).get('fjordvik-ramme')).not.toBe(index.inForce(change).get('fjordvik-ramme'));
  });
});
