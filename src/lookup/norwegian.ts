/**
 * Norwegian words for the search: tokenizing, stop words, lemmas from the bokmål and nynorsk Hunspell
 * dictionaries (lexicon.ts: veilederen / veiledere / veileder meet, as do sluttet / slutter / slutte),
 * compound words taken apart into their parts («oppfølgingstjenesten» = oppfølging + tjeneste), Snowball's
 * stemmer for words no dictionary knows (place names, new compounds), and folding of æ, ø, å, so that a
 * case worker on a phone with an English keyboard (laereplass, okonomisk) finds the same terms.
 */
import { newStemmer } from 'snowball-stemmers';
import { nynorskToBokmal, searchedVerbForms, verbForms } from './forms.js';
import { compoundPart, entries, isWord, lemma } from './lexicon.js';

const stemmer = newStemmer('norwegian');
/** Analysis is the costly step; agreements reuse a small vocabulary, so each word is analysed once. */
const stems = new Map<string, string>();
/** Base forms for reading phrases, each word analysed once (see `baseForm`). */
const bases = new Map<string, string>();
/** Index term of a compound word → the terms of its parts (head, tail). */
const parts = new Map<string, string[]>();
const maxCachedStems = 200_000;
/** Compound parts are at least this long (the dictionaries' `COMPOUNDMIN`). */
const shortestPart = 4;

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
    'saka',
    'sak',
    'år',
    'året',
    'gjør',
    'gjøre',
    'egentlig',
    'fordi',
    // Light verbs: «gi tiltak», «få hjelp», «trenger oppfølging» are about the noun; rare in agreements,
    // they would otherwise be taken for the word a question is about.
    'gi',
    'gir',
    'ga',
    'gav',
    'gitt',
    'få',
    'får',
    'fikk',
    'fått',
    'ta',
    'tar',
    'tok',
    'tatt',
    'trenger',
    'trengte',
    'trenge',
    'behøver',
    'behøvde',
    'behøve',
    // Possessives beside «min», «vår»: «NAV-kontoret vårt» names no topic.
    'vårt',
    'våre',
    'din',
    'ditt',
    'dine',
    'deres',
    // Nynorsk and dialect forms of the question words and pronouns.
    'kven',
    'kem',
    'kva',
    'ka',
    'kvar',
    'kor',
    'korleis',
    'kordan',
    'koss',
    'åssen',
    'eg',
    'ho',
    'dei',
    'deim',
    'me',
    'vere',
    'vore',
    'blei',
    'noko',
    'nokon',
    'berre',
    'òg',
    'ein',
    'eit',
    'dykk',
    'dykkar',
    'gje',
    'gjev',
    'fekk',
    'tek',
    'treng',
    'trong',
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

/**
 * Lower-cased words: letters and digits, split at anything else (so «NAV-veileder» is «nav», «veileder»).
 * An acronym's genitive s goes («OTs» is «ot», «NAVs» is «nav»): only capitals show it is one.
 */
export function tokenize(text: string): string[] {
  return text
    .replace(/(?<![\p{L}\p{N}])(\p{Lu}{2,})s(?![\p{L}\p{N}])/gu, '$1')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

let bokmalLemmas: Map<string, string> | undefined;

/** A nynorsk lemma's bokmål lemma («skul» → «skol»), from the table in forms.ts. */
function bokmalLemma(found: string): string | undefined {
  bokmalLemmas ??= new Map(
    Object.entries(nynorskToBokmal).map(([nynorsk, bokmal]) => [
      lemma(nynorsk) ?? nynorsk,
      lemma(bokmal) ?? bokmal,
    ]),
  );
  return bokmalLemmas.get(found);
}

/** The lemma of a word (folded; a nynorsk word's bokmål lemma), or undefined when no dictionary knows it. */
function known(word: string): string | undefined {
  const head = bokmalHead(word);
  const found = (head === undefined ? undefined : lemma(head)) ?? lemma(word);
  if (found === undefined) return undefined;
  return fold(bokmalLemma(found) ?? found);
}

/** A compound that begins with a nynorsk word, with the bokmål word first («skuleplass» → «skoleplass»). */
function bokmalHead(word: string): string | undefined {
  for (const [nynorsk, bokmal] of Object.entries(nynorskToBokmal))
    if (word.length >= nynorsk.length + shortestPart && word.startsWith(nynorsk))
      return bokmal + word.slice(nynorsk.length);
  return undefined;
}

/**
 * A word's base form for reading phrases (folded): a strong verb's infinitive («satt», «fekk» → sitte, få),
 * else its lemma, else the word. Unlike `term`, stop words and short words are kept: phrases need them.
 */
export function baseForm(word: string): string {
  const cached = bases.get(word);
  if (cached !== undefined) return cached;
  const verb = verbForms[word];
  const result =
    verb !== undefined ? fold(verb) : word.length <= 2 ? fold(word) : (known(word) ?? fold(word));
  if (bases.size < maxCachedStems) bases.set(word, result);
  return result;
}

/**
 * A word taken apart as a compound: the longest tail the dictionaries know, after a head they know too
 * (with or without the linking -s- or -e-: «oppfølgings|tjenesten», «arbeids|klær»).
 */
function split(word: string): { head: string; tail: string; written: string } | undefined {
  if (word.length < 2 * shortestPart) return undefined;
  for (let at = shortestPart; at <= word.length - shortestPart; at += 1) {
    const tail = known(word.slice(at));
    if (tail === undefined) continue;
    const written = word.slice(0, at);
    for (const head of [written, written.replace(/[se]$/, '')]) {
      if (head.length < shortestPart - 1) continue;
      const headLemma = known(head);
      if (headLemma === undefined) continue;
      // «flyr|eise»: a four-letter head no dictionary lets stand in a compound (an inflected form) is a
      // misreading when a head of three letters reads the word («fly|reise», «hus|leige»).
      if (at === shortestPart && !compoundPart(written) && !compoundPart(head))
        return shortHeadSplit(word) ?? { head: headLemma, tail, written };
      return { head: headLemma, tail, written };
    }
  }
  return undefined;
}

/** A head of three letters («fly|reise»), when the dictionaries let both parts stand in a compound. */
function shortHeadSplit(word: string): { head: string; tail: string; written: string } | undefined {
  const written = word.slice(0, shortestPart - 1);
  const rest = word.slice(shortestPart - 1);
  if (!compoundPart(written) || !compoundPart(rest)) return undefined;
  const head = known(written);
  const tail = known(rest);
  return head === undefined || tail === undefined ? undefined : { head, tail, written };
}

function analyse(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return fold(word);
  const compound = split(word);
  const lemmaOf = known(word);
  if (lemmaOf !== undefined) {
    if (compound) parts.set(lemmaOf, [compound.head, compound.tail]);
    return lemmaOf;
  }
  if (compound) {
    const result = fold(compound.written) + compound.tail;
    parts.set(result, [compound.head, compound.tail]);
    return result;
  }
  return fold(stemmer.stem(word));
}

/** The index term for one lower-cased word, or undefined for a stop word. */
export function term(word: string): string | undefined {
  const cached = stems.get(word);
  if (cached !== undefined) return cached || undefined;
  const verb = searchedVerbForms[word];
  const result = stopWords.has(fold(word)) ? '' : analyse(verb ?? word);
  if (stems.size < maxCachedStems) stems.set(word, result);
  return result || undefined;
}

/** The terms of a compound word's parts (head, tail), when the term is one. */
export function compoundParts(value: string): readonly string[] {
  return parts.get(value) ?? [];
}

/**
 * Compound parts found by another process's analysis (a kept index's terms, src/lookup/kept-index.ts):
 * parts are learnt only by analysing a word, and a process that reads a kept index has analysed none of
 * the agreements' words, so without them it would find no compounds among the index terms.
 */
export function rememberCompoundParts(entries: Iterable<readonly [string, readonly string[]]>): void {
  for (const [value, found] of entries) parts.set(value, [...found]);
}

/** Particles of Norwegian particle verbs («følge opp», «melde fra»), which nouns take as a prefix. */
const particles = new Set([
  'opp',
  'ut',
  'inn',
  'av',
  'over',
  'med',
  'til',
  'fra',
  'fram',
  'frem',
  'om',
  'bort',
  'på',
]);

/**
 * The nouns and verbs a particle verb is written as in one word: «følger opp» → «oppfølging», «oppfølge»;
 * «melder fra» → «framelding» when the dictionaries know it. Their index terms, for the search.
 */
export function particleVerbTerms(text: string): string[] {
  const words = tokenize(text);
  const found = new Set<string>();
  for (let i = 0; i + 1 < words.length; i += 1) {
    const particle = words[i + 1] as string;
    if (!particles.has(particle)) continue;
    for (const entry of entries(words[i] as string)) {
      const stem = entry.replace(/e$/, '');
      for (const candidate of [particle + entry, `${particle}${stem}ing`, `${particle}${stem}e`]) {
        const value = isWord(candidate) ? term(candidate) : undefined;
        if (value !== undefined) found.add(value);
      }
    }
  }
  return [...found];
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
