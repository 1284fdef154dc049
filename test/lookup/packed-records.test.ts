/**
 * The kept index keeps clauses and metadata as columns (src/lookup/packed-records.ts): what comes back must
 * be the same objects as far as anyone can tell — the same keys in the same order, a key holding undefined
 * kept apart from a missing one, numbers and booleans as they were.
 */
import { describe, expect, it } from '@jest/globals';
import { packRecords, unpackRecords } from '../../src/lookup/packed-records.js';

const records: object[] = [
  {
    id: 'uten-laereplass',
    title: 'Lærekandidat uten læreplass',
    status: 'settled',
    supporting: ['nav-fjordvik'],
    keywords: ['læreplass', 'lærling'],
    text: 'OT følger opp.',
    markdown: 'OT følger opp.',
    position: { line: 12, column: 1 },
    owner: 'ot',
    ages: { min: 16, max: 21 },
  },
  {
    id: 'grå',
    title: 'Uavklart',
    status: 'grey',
    supporting: [],
    keywords: ['læreplass', 'lærling'],
    text: 'Uavklart.',
    markdown: '*Uavklart.*',
    position: { line: 40, column: 1 },
    ages: { min: 16, max: undefined },
    owner: undefined,
  },
  { example: true, count: 0, nothing: null, empty: '', same: '', list: [{ name: 'NAV' }] },
  {},
];

describe('packed records', () => {
  it('come back equal, with their keys in their own order', () => {
    const back = unpackRecords<object>(packRecords(records));
    expect(back).toStrictEqual(records);
    expect(back.map((record) => Object.keys(record))).toEqual(records.map((record) => Object.keys(record)));
    expect(JSON.stringify(back)).toBe(JSON.stringify(records));
    expect('owner' in (back[1] as object)).toBe(true);
    expect('max' in ((back[1] as { ages: object }).ages as object)).toBe(true);
    expect('max' in ((back[0] as { ages: object }).ages as object)).toBe(true);
  });

  it('keep a nested value once for the records whose value is the same', () => {
    const packed = packRecords(records);
    const back = unpackRecords<{ keywords?: string[] }>(packed);
    expect(back[0]?.keywords).toBe(back[1]?.keywords);
    // `{ min: 16, max: 21 }` and `{ min: 16, max: undefined }` are different values.
    expect(packed.nested).toContainEqual({ min: 16, max: undefined });
    expect(packed.nested).toContainEqual({ min: 16, max: 21 });
    // A text that is its own Markdown is kept once.
    expect(packed.strings.filter((value) => value === 'OT følger opp.')).toHaveLength(1);
    expect(packed.strings.filter((value) => value === 'læreplass')).toHaveLength(0);
  });

  it('read an empty list as an empty list', () => {
    expect(unpackRecords(packRecords([]))).toEqual([]);
  });
});
