/**
 * Norwegian words for the search: tokenizing, stop words, stemming (snowball's Norwegian stemmer, so
 * læreplass / læreplasser / læreplassen meet) and folding of æ, ø, å, so that a case worker on a phone
 * with an English keyboard (laereplass, okonomisk) finds the same terms.
 */
import { newStemmer } from 'snowball-stemmers';

const stemmer = newStemmer('norwegian');
/** Stemming is the costly step; agreements reuse a small vocabulary, so each word is stemmed once. */
const stems = new Map<string, string>();
const maxCachedStems = 200_000;

/**
 * Words that say nothing about the situation: question words, pronouns, auxiliaries and prepositions, and
 * «ansvar» (every clause is about responsibility). Deliberately short and ours: generic stop lists drop
 * words that matter here («ikke», «uten», «under», «over», «før», «etter»).
 */
export const stopWords = new Set(
  [
    'hvem',
    'hva',
    'hvor',
    'hvordan',
    'hvilken',
    'hvilket',
    'hvilke',
    'hvis',
    'når',
    'om',
    'at',
    'å',
    'og',
    'eller',
    'men',
    'så',
    'som',
    'en',
    'ei',
    'et',
    'den',
    'det',
    'de',
    'dem',
    'denne',
    'dette',
    'disse',
    'jeg',
    'meg',
    'min',
    'mitt',
    'mine',
    'vi',
    'oss',
    'vår',
    'du',
    'deg',
    'han',
    'hun',
    'hen',
    'hans',
    'hennes',
    'sin',
    'sitt',
    'sine',
    'seg',
    'er',
    'var',
    'være',
    'vært',
    'blir',
    'bli',
    'ble',
    'har',
    'ha',
    'hadde',
    'skal',
    'skulle',
    'kan',
    'kunne',
    'må',
    'måtte',
    'bør',
    'vil',
    'ville',
    'i',
    'på',
    'til',
    'av',
    'for',
    'med',
    'fra',
    'hos',
    'ved',
    'da',
    'nå',
    'her',
    'der',
    'også',
    'bare',
    'noen',
    'noe',
    'man',
    'ansvar',
    'ansvaret',
    'ansvarlig',
    'ansvarlige',
    'gjelder',
    'saken',
    'sak',
    'år',
    'året',
    'gjør',
    'gjøre',
    'egentlig',
  ].map(fold),
);

/** æ → ae, ø → o, å → a, and accents away, after lower-casing. */
export function fold(word: string): string {
  return word
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Lower-cased words: letters and digits, split at anything else (so «NAV-veileder» is «nav», «veileder»). */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The index term for one lower-cased word, or undefined for a stop word. */
export function term(word: string): string | undefined {
  const cached = stems.get(word);
  if (cached !== undefined) return cached || undefined;
  let result = '';
  if (!stopWords.has(fold(word)))
    result = fold(word.length > 2 && !/\d/.test(word) ? stemmer.stem(word) : word);
  if (stems.size < maxCachedStems) stems.set(word, result);
  return result || undefined;
}

/** The index terms of a text, in order. */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const word of tokenize(text)) {
    const value = term(word);
    if (value !== undefined) result.push(value);
  }
  return result;
}
