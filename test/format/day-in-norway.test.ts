/**
 * A commit's moment, written with any offset, falls on the day it was in Norway: what approvals and meetings,
 * dated by the Norwegian day, are compared with (an import at half past midnight, a decision recorded then).
 */
import { describe, expect, it } from '@jest/globals';
import { dayInNorway } from '../../src/format/dates.js';

describe('the day in Norway of a moment', () => {
  it('is the next day from 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(dayInNorway('2026-12-07T22:59:59Z')).toBe('2026-12-07');
    expect(dayInNorway('2026-12-07T23:00:00+00:00')).toBe('2026-12-08');
    expect(dayInNorway('2026-06-30T21:59:00Z')).toBe('2026-06-30');
    expect(dayInNorway('2026-06-30T22:00:00Z')).toBe('2026-07-01');
  });

  it('reads an offset as written, and a moment it cannot read as written', () => {
    expect(dayInNorway('2017-01-10T00:30:00+01:00')).toBe('2017-01-10');
    expect(dayInNorway('2017-01-09T19:30:00-05:00')).toBe('2017-01-10');
    expect(dayInNorway('ikke en dato')).toBe('ikke en dato'.slice(0, 10));
  });
});
