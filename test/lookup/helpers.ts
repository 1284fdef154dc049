import type { Lookup } from '../../src/lookup/lookup.js';
import type { LookupAnswer, LookupRequest } from '../../src/lookup/search.js';

/** A date when the current example versions are all in force (the ot-nav draft of 2026 never is). */
export const inForceDate = '2025-11-01';

/** Questions whose whole answers a lookup read from a kept file must give as the one built from the files. */
const restartQuestions: LookupRequest[] = [
  { q: 'lærling uten læreplass', at: inForceDate },
  { q: 'hvem betaler arbeidsklær', at: inForceDate, county: 'Fjordvik' },
  { q: 'elev vurderer å slutte', at: '2019-03-01' },
  { q: 'kontaktperson psykisk helse', at: inForceDate, age: '17' },
];

/** The lookup's whole answers to `restartQuestions`. */
export function restartAnswers(lookup: Lookup): Promise<LookupAnswer[]> {
  return Promise.all(restartQuestions.map((question) => lookup.search(question)));
}

/** `agreement#clause` of each result, in order. */
export function hits(answer: LookupAnswer): string[] {
  return answer.results.map((result) => `${result.agreementId}#${result.clauseId}`);
}

const firstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const secondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((total, weight, index) => total + weight * (digits[index] ?? 0), 0);
  return (11 - (sum % 11)) % 11;
}

/** A valid national identity number made from its check digits (no real person's number in the tests). */
export function madeUpNationalIdNumber(date = '150607'): string {
  for (let individual = 400; individual < 1000; individual++) {
    const nine = `${date}${individual}`;
    const digits = [...nine].map(Number);
    const k1 = checkDigit(digits, firstWeights);
    const k2 = checkDigit([...digits, k1], secondWeights);
    if (k1 !== 10 && k2 !== 10) return `${nine}${k1}${k2}`;
  }
  throw new Error('no valid number');
}
