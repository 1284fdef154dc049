/**
 * Dates by the school's calendar (src/lookup/school-year.ts, read in src/lookup/question.ts): a school year
 * in any of the ways it is typed, the start of school in a year, and a month a word or two from its year.
 */
import { describe, expect, it } from '@jest/globals';
import { readQuestionDate } from '../../src/lookup/question.js';

const now = '2026-12-01';

describe('a school year', () => {
  it.each([
    ['utmeldt elev skoleåret 21/22', '2021-10-01', 'skoleåret 21/22', 'utmeldt elev'],
    ['intro skoleår 2021/2022', '2021-10-01', 'skoleår 2021/2022', 'intro'],
    ['sk.år 22/23 lærling', '2022-10-01', 'sk.år 22/23', 'lærling'],
    ['bolig 17 hvem ansvar skuleåret 24-25', '2024-10-01', 'skuleåret 24-25', 'bolig 17 hvem ansvar'],
    ['introprogram 21/22', '2021-10-01', '21/22', 'introprogram'],
    ['elev i tiltak 2022–23', '2022-10-01', '2022–23', 'elev i tiltak'],
  ])('«%s» is its autumn, %s', (question, date, text, rest) => {
    const read = readQuestionDate(question, now);
    expect(read.date).toEqual({ date, text });
    expect(read.text).toBe(rest);
  });

  it.each([
    // Not one year apart, an age group, ages or a share.
    'kostnad delt 60/40',
    'unge voksne 22–24',
    'ungdom 16/17 år',
    'ungdom 21/23',
  ])('«%s» is no school year', (question) => {
    expect(readQuestionDate(question, now).date).toBeUndefined();
  });
});

describe('the start of school', () => {
  it('is the middle of August of its year, and stays a search word', () => {
    const read = readQuestionDate('møtte ikke opp skolestart 2022', now);
    expect(read.date).toEqual({ date: '2022-08-15', text: 'skolestart 2022' });
    expect(read.text).toBe('møtte ikke opp skolestart');
    expect(readQuestionDate('før skulestart 2024, hvem', now).date?.date).toBe('2024-08-14');
  });
});

describe('a month a word or two from its year', () => {
  it('is that month, and names the clause as a month with its year does', () => {
    const read = readQuestionDate('september liste 2021', now);
    expect(read.date).toEqual({ date: '2021-09-01', text: 'september liste 2021' });
    expect(read.text).toBe('liste');
    expect(read.names).toBe('september');
  });
});
