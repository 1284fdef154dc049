/** The date a question names is read, however it is written; an amount of money is not a year. */
import { describe, expect, it } from '@jest/globals';
import { readQuestionDate } from '../../src/lookup/question.js';

const now = '2026-12-01';

describe('a date in the question', () => {
  it.each([
    ['19 år og fikk ikke læreplass i 2022', '2022-07-01', 'i 2022'],
    ['24 år, slutta på vidaregåande, 2023', '2023-07-01', '2023'],
    ['2021: hvem fulgte opp lærlinger som mistet plassen', '2021-07-01', '2021'],
    ['høsten 2019, 17 år', '2019-10-01', 'høsten 2019'],
  ])('«%s» is about %s (from «%s»)', (question, date, text) => {
    expect(readQuestionDate(question, now).date).toEqual({ date, text });
  });

  it.each([
    ['hvem betaler 2000 kroner til arbeidsklær'],
    ['hvem dekker kr 2000 til busskort'],
    ['tilskudd på 2025,- i måneden'],
    ['hvem følger opp en 19-åring som har sluttet'],
    ['søkt læreplass i 2030'],
  ])('«%s» names no date before today', (question) => {
    expect(readQuestionDate(question, now).date).toBeUndefined();
  });
});
