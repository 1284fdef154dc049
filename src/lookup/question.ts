/**
 * What a free-text question says beyond its words: an age («19 år», «19-åring», «under 18»), situation
 * facets from everyday phrases («fikk ikke læreplass» → uten-laereplass), and whether it asks who pays.
 * The age and facets then rank and filter the clauses; the age phrase itself is taken out of the words.
 */
import type { AgeRange } from '../format/types.js';
import { fold, tokenize } from './norwegian.js';
import { PhraseMatcher } from './phrases.js';

export interface Interpretation {
  /** The question without the age phrase, for the full-text search. */
  text: string;
  age?: AgeRange;
  /** Situation facets the question names (format facet ids), most specific first. */
  facets: string[];
  /** The question asks who pays («hvem betaler», «dekker», «kostnad»). */
  asksWhoPays: boolean;
}

/** Everyday phrases → situation facets (`situasjon=` in the format). Words are matched as typed, folded. */
const facetPhrases: Record<string, string[]> = {
  'uten-laereplass': [
    'fikk ikke læreplass',
    'uten læreplass',
    'ikke fått læreplass',
    'ikke har fått læreplass',
    'har ikke fått læreplass',
    'ikke fått lærlingplass',
    'mangler læreplass',
    'ikke får læreplass',
    'får ikke læreplass',
    'ingen læreplass',
    'fikk ikke lærlingplass',
    'uten lærlingplass',
    'venter på læreplass',
    'søkt læreplass',
    'fikk ikke plass',
    'har ikke læreplass',
  ],
  elev: [
    'elev',
    'eleven',
    'elever',
    'elevene',
    'går på skolen',
    'går på videregående',
    'vgs-elev',
    'skoleelev',
  ],
  sluttet: [
    'sluttet',
    'har sluttet',
    'droppet ut',
    'hoppet av',
    'avbrutt',
    'avbrøt',
    'sluttet på skolen',
    'avbrutt opplæring',
  ],
  laerling: [
    'lærling',
    'lærlingen',
    'lærekandidat',
    'lærekandidaten',
    'lærekontrakt',
    'i lære',
    'har læreplass',
  ],
  utenfor: [
    'ikke i jobb',
    'ikke i arbeid',
    'uten jobb',
    'uten arbeid',
    'utenfor',
    'ikke i opplæring',
    'ikke i skole',
    'verken skole eller jobb',
    'verken jobb eller skole',
    'sitter hjemme',
    'neet',
  ],
  'nav-bruker': [
    'registrert hos nav',
    'nav-bruker',
    'bruker hos nav',
    'på tiltak',
    'i tiltak',
    'arbeidssøker',
    'har aktivitetsplan',
  ],
  'rett-vgo': [
    'rett til videregående',
    'ungdomsrett',
    'skolerett',
    'opplæringsrett',
    'rett og plikt',
    'har rett til skole',
  ],
  fullfort: [
    'fullført',
    'har fullført',
    'fagbrev',
    'studiekompetanse',
    'ferdig med videregående',
    'ferdig med skolen',
  ],
  voksen: ['voksen', 'voksne', 'over 25'],
  introduksjon: [
    'introduksjonsprogram',
    'introduksjonsprogrammet',
    'flyktning',
    'nyankommet',
    'nyankomne',
    'innvandrer',
  ],
};

const facets = new PhraseMatcher<string>();
for (const [facet, phrases] of Object.entries(facetPhrases)) {
  for (const phrase of phrases) facets.add(tokenize(phrase).map(fold), facet);
}

const whoPays = new Set(
  [
    'betaler',
    'betale',
    'betales',
    'dekker',
    'dekke',
    'dekkes',
    'kostnad',
    'kostnaden',
    'kostnader',
    'utgifter',
    'utgiftene',
    'koster',
    'regning',
    'regningen',
  ].map(fold),
);

// Ages: «16–19 år», «mellom 16 og 19», «19 år», «19-åring», «19åringen», «under 18», «over 18».
const agePatterns: { pattern: RegExp; range: (match: RegExpExecArray) => AgeRange }[] = [
  {
    pattern: /\b(\d{1,2})\s*[-–]\s*(\d{1,2})\s*(?:år\b|-?åring\p{L}*)/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  {
    pattern: /\bmellom\s+(\d{1,2})\s+og\s+(\d{1,2})(?:\s*år\b)?/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  { pattern: /\bunder\s+(\d{1,2})(?:\s*år\b)?/giu, range: (m) => ({ max: Number(m[1]) - 1 }) },
  { pattern: /\bover\s+(\d{1,2})(?:\s*år\b)?/giu, range: (m) => ({ min: Number(m[1]) + 1 }) },
  {
    pattern: /\b(\d{1,2})\s*(?:år\b(?:\s+gammel\b)?|-?\s?åring\p{L}*)/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[1]) }),
  },
  // A bare number in the age span the agreements cover is the youth's age («er 20», «på 18», «jente 17»),
  // unless it is part of a date, a paragraph (§ 9-4), an amount or a count of something.
  {
    pattern:
      /(?<![\p{L}\p{N}§.,:/–-]|§\s*|\d[.]\s*)\b(1[3-9]|2\d|3[0-5])\b(?![.,:/–-]?\d|\.\s*\p{L}|\s*(?:%|kr\b|kroner|prosent|timer|dager|uker|måneder|mnd|minutter|klasse|trinn|elever|ungdommer|personer|stk))/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[1]) }),
  },
];

export function interpret(question: string): Interpretation {
  let text = question;
  let age: AgeRange | undefined;
  for (const { pattern, range } of agePatterns) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (!match) continue;
    const candidate = range(match);
    if ((candidate.min ?? 0) <= (candidate.max ?? 200) && (candidate.max ?? 0) >= 0) {
      age = candidate;
      text = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
      break;
    }
  }
  const words = tokenize(question).map(fold);
  const found = facets.find(words).map(({ value }) => value);
  // «Lærling uten læreplass» is a young person without an apprenticeship, not an apprentice.
  const named = found.includes('uten-laereplass') ? found.filter((facet) => facet !== 'laerling') : found;
  const interpretation: Interpretation = {
    text: text.replace(/\s+/g, ' ').trim(),
    facets: [...new Set(named)],
    asksWhoPays: words.some((word) => whoPays.has(word)),
  };
  if (age) interpretation.age = age;
  return interpretation;
}
