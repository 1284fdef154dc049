/**
 * A question read as the case worker meant it (issue 11): never started is not «has left», dialect and
 * nynorsk forms of leaving, intent and negation before or after the verb, completed or not, and a month or a
 * season with no year, and numbers said as words (a dictated question reads as typed). Each item of test/fixtures/question-reading/readings.yaml is a question beside what
 * must be read from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { interpret, readQuestionDate } from '../../src/lookup/question.js';
import { numbersAsDigits } from '../../src/lookup/spoken.js';

interface Reading {
  q: string;
  facets?: string[];
  notFacets?: string[];
  notRead?: string[];
  state?: 'left' | 'at-risk' | 'none';
  age?: number | 'none';
  /** An age bound read as a range («før 21»: under 21), not as that very age. */
  ages?: { min?: number; max?: number };
  date?: string;
  dateText?: string;
}

const fixture = parse(
  readFileSync(join(projectRoot, 'test/fixtures/question-reading/readings.yaml'), 'utf8'),
) as { today: string; readings: Reading[] };
const today = String(fixture.today);

describe('a question is read as meant', () => {
  it.each(fixture.readings.map((reading) => [reading.q, reading] as const))('«%s»', (q, expected) => {
    // As the lookup reads a question: numbers said as words first (src/lookup/search.ts, `readQuestion`).
    const typed = numbersAsDigits(q);
    const read = interpret(typed);
    expect(read.facets).toEqual(expect.arrayContaining(expected.facets ?? []));
    expect(read.notFacets).toEqual(expect.arrayContaining(expected.notFacets ?? []));
    for (const facet of expected.notRead ?? []) {
      expect(read.facets).not.toContain(facet);
      expect(read.notFacets).not.toContain(facet);
    }
    for (const facet of expected.notFacets ?? []) expect(read.facets).not.toContain(facet);
    if (expected.state !== undefined) expect(read.state ?? 'none').toBe(expected.state);
    if (expected.age === 'none') expect(read.age).toBeUndefined();
    else if (expected.age !== undefined) expect(read.age).toEqual({ min: expected.age, max: expected.age });
    if (expected.ages !== undefined) expect(read.age).toEqual(expected.ages);
    if (expected.date !== undefined) {
      const date = readQuestionDate(typed, today).date;
      if (expected.date === 'none') expect(date).toBeUndefined();
      else expect(date).toEqual({ date: String(expected.date), text: expected.dateText });
    }
  });
});
