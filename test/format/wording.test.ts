import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, validOn } from '../../src/format/wording.js';

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
