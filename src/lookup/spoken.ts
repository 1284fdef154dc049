/**
 * A dictated question as it would have been typed (issue 11, the eighth blind county): speech to text writes
 * numbers as words («sytten år», «nittenåring», «i februar tjuetjuefire») and splits what is written in one
 * word («o t», «buss kort»). Read here as typed, the question's other readers (age, date, words) need no
 * spoken forms of their own.
 */
import { fold, stopWords } from './norwegian.js';

const units: Readonly<Record<string, number>> = {
  en: 1,
  ein: 1,
  ett: 1,
  eitt: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  sju: 7,
  syv: 7,
  åtte: 8,
  ni: 9,
};

/** 11–19; «ti» alone is left alone, as dialect writes «til» so. */
const teens: Readonly<Record<string, number>> = {
  elleve: 11,
  tolv: 12,
  tretten: 13,
  fjorten: 14,
  femten: 15,
  seksten: 16,
  sytten: 17,
  atten: 18,
  nitten: 19,
};

const tens: Readonly<Record<string, number>> = { tjue: 20, tyve: 20, tretti: 30 };

/**
 * A number word's value: 11–39 («sytten», «tjuetre», «trettien»), or a year as it is said («tjuenitten» 2019,
 * «tjuetjue» 2020, «tjuetjuefire» 2024). A unit alone («to», «ein») is not read: it is as often a word.
 */
function numberValue(word: string): number | undefined {
  const teen = teens[word];
  if (teen !== undefined) return teen;
  for (const [ten, value] of Object.entries(tens)) {
    if (!word.startsWith(ten)) continue;
    const rest = word.slice(ten.length);
    if (rest === '') return value;
    const unit = units[rest];
    if (unit !== undefined) return value + unit;
    if (value !== 20) return undefined;
    const yearInCentury = rest === 'tjue' ? 20 : (numberValue(rest) ?? 0);
    if (yearInCentury >= 13 && yearInCentury <= 29 && (rest.startsWith('tjue') || teens[rest] !== undefined))
      return 2000 + yearInCentury;
  }
  return undefined;
}

/** «nittenåring», «tjuetoåringen»: a number word with the age's ending. */
const ageEnding = /^(\p{L}+?)(åring\p{L}*)$/u;

/** Numbers said as words, written as digits: «sytten år» → «17 år», «nittenåring» → «19-åring». */
export function numbersAsDigits(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    const aged = ageEnding.exec(lower);
    if (aged) {
      const value = numberValue(aged[1] as string);
      return value !== undefined && value < 100 ? `${value}-${aged[2]}` : word;
    }
    const value = numberValue(lower);
    return value === undefined ? word : String(value);
  });
}

/** Whether the agreements use a word (its index term). */
export type KnownWord = (word: string) => boolean;

/** The longest run of words from `start`, joined, that is known: «d p s» → «dps», «buss kort» → «busskort». */
function joinedAt(
  words: string[],
  start: number,
  known: KnownWord,
): { word: string; length: number } | undefined {
  const letters = (word: string) => /^\p{L}$/u.test(word);
  const first = words[start] as string;
  if (letters(first)) {
    // An acronym spelt out: single letters («o t», «d p s»), as long a run as the agreements use.
    let end = start;
    while (end < words.length && letters(words[end] as string)) end += 1;
    for (let length = end - start; length >= 2; length -= 1) {
      const word = words.slice(start, start + length).join('');
      if (known(word)) return { word, length };
    }
    return undefined;
  }
  // A compound heard as two words («ungdoms garantien», «buss kort») that the agreements use; not one the
  // dictionaries know but the agreements do not («over tid» is no «overtid» in «sjuk over lang tid»), and
  // neither half a stop word.
  const second = words[start + 1];
  if (second === undefined || first.length < 3 || second.length < 3 || !/^\p{L}+$/u.test(first + second))
    return undefined;
  if (stopWords.has(fold(first)) || stopWords.has(fold(second))) return undefined;
  const word = first + second;
  return known(word) ? { word, length: 2 } : undefined;
}

/** Words speech to text split, written as one where the joined word is known (see `joinedAt`). */
export function joinSplitWords(text: string, known: KnownWord): string {
  const words = text.split(/\s+/u).filter(Boolean);
  const result: string[] = [];
  for (let at = 0; at < words.length; ) {
    const joined = joinedAt(words, at, known);
    result.push(joined?.word ?? (words[at] as string));
    at += joined?.length ?? 1;
  }
  return result.join(' ');
}

/**
 * A caller correcting what was just said: «høsten 2019 – nei, vent, våren 2020», «han er 21, nei 22», «Nei,
 * det var i 2021». «Fikk nei» (a refusal) follows no comma or dash, and «nei til», «nei takk» correct nothing.
 */
const correction =
  /(?:^|[,–—.!?]|\s-)\s*(?:eller\s+)?nei(?!\p{L})(?!\s+(?:til|takk|på)(?!\p{L}))[\s,–—-]*(?:(?:vent|forresten|unnskyld)(?!\p{L})[\s,–—-]*)*/giu;

/** The question on each side of each correction in it, first to last. */
export function correctedParts(text: string): { before: string; after: string }[] {
  return [...text.matchAll(correction)].map((found) => ({
    before: text.slice(0, found.index),
    after: text.slice(found.index + found[0].length),
  }));
}

/**
 * What a caller says is settled or not what they ask about: «– det er ordnet –», «men det er ordna», «det har
 * vi løst», «men det tar jeg med skolen», «men det er ikke det jeg lurer på».
 */
const settled =
  /(?:[,–—]\s*|\s-\s*|\s)(?:men\s+)?(?:det\s+(?:er|e|har\s+(?:vi|eg|jeg)(?:\s+fått)?)\s+(?:ordnet|ordna|løst|løyst|avklart|avklara|i\s+orden|på\s+plass)|det\s+(?:tar|tek)\s+(?:jeg|eg)\s+(?:opp\s+)?med\s+\p{L}+|det\s+er\s+ikke\s+det\s+(?:jeg|eg)\s+(?:lurer|spør)\s+(?:på|om)|det\s+er\s+ikkje\s+det\s+eg\s+(?:lurer|spør)\s+(?:på|om))(?!\p{L})/giu;

/**
 * The question without what the caller sets aside as settled: the words before each such remark back to the
 * last comma or sentence end («Vi har en lærling som mistet plassen – det er ordnet – men så …»), and the
 * remark. `aside` is what was set aside, where the story may have said the age of whom the question is about.
 */
export function setAside(text: string): { said: string; aside: string } {
  let said = '';
  let aside = '';
  let from = 0;
  for (const found of text.matchAll(settled)) {
    const before = text.slice(from, found.index);
    const start = Math.max(...[',', '.', '!', '?', ':', ';'].map((stop) => before.lastIndexOf(stop))) + 1;
    said += before.slice(0, start);
    aside += ` ${before.slice(start)}`;
    from = found.index + found[0].length;
  }
  return { said: `${said} ${text.slice(from)}`.replace(/\s+/gu, ' ').trim(), aside: aside.trim() };
}

/**
 * «Det jeg lurer på er psykologen: hvem …», «spørsmålet mitt er …»: after it comes what the caller asks
 * about, before it the story.
 */
const asking =
  /(?<!\p{L})(?:det\s+(?:jeg|eg)\s+(?:egentlig\s+|eigentleg\s+)?(?:lurer|spør)\s+(?:på|om)|spørsmålet\s+(?:mitt\s+)?(?:er|e))(?!\p{L})(?:\s*(?:,|:|er|e)(?!\p{L}))?/giu;

/** The part of the question after the caller says what they ask about, or the whole question. */
export function askedPart(text: string): string {
  let at = 0;
  for (const found of text.matchAll(asking)) at = found.index + found[0].length;
  return text.slice(at).trim();
}
