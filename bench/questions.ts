/** Varied questions over the benchmark corpus, in case workers' phrasings, some with typos, ages, filters and dates. */
import type { LookupRequest } from '../src/lookup/search.js';
import { archetypes, type CorpusSummary, random } from './corpus.js';

const openings = [
  '',
  '',
  'hvem har ansvaret for ',
  'hvem følger opp ',
  'hvem betaler ',
  'hva gjør vi med ',
  'ungdom ',
  'elev ',
];
const ages = ['', '', '', '16 år ', '17-åring ', '19 år ', '21 år ', '23 år '];

function typo(rng: () => number, word: string): string {
  if (word.length < 6) return word;
  const at = 1 + Math.floor(rng() * (word.length - 3));
  return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
}

export function benchQuestions(corpus: CorpusSummary, count: number, seed = 7): LookupRequest[] {
  const rng = random(seed);
  const questions: LookupRequest[] = [];
  for (let i = 0; i < count; i += 1) {
    const archetype = archetypes[Math.floor(rng() * archetypes.length)] as (typeof archetypes)[number];
    const words =
      rng() < 0.5
        ? (archetype.keywords[Math.floor(rng() * archetype.keywords.length)] as string)
        : (archetype.titles[0] as string);
    let q =
      `${openings[Math.floor(rng() * openings.length)]}${ages[Math.floor(rng() * ages.length)]}${words}`.toLowerCase();
    if (rng() < 0.15)
      q = q
        .split(' ')
        .map((word) => (rng() < 0.5 ? typo(rng, word) : word))
        .join(' ');
    const request: LookupRequest = { q };
    if (rng() < 0.3) request.county = corpus.counties[Math.floor(rng() * corpus.counties.length)];
    if (rng() < 0.3) {
      const year = 2007 + Math.floor(rng() * 19);
      request.at = `${year}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-15`;
    }
    if (rng() < 0.1) {
      const agreement = corpus.agreements[Math.floor(rng() * corpus.agreements.length)];
      if (agreement) request.agreement = agreement.id;
    }
    questions.push(request);
  }
  return questions;
}

/** The words of a question, for `git grep` (what someone without Gjerde would search for). */
export function grepWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(
      (word) => word.length >= 4 && !['hvem', 'ansvaret', 'følger', 'betaler', 'ungdom'].includes(word),
    );
}
