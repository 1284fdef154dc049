/**
 * What *looks like* personal data in a free-text description: a person's name, an address, a telephone
 * number or an e-mail address. Unlike a fødselsnummer (personal-data.ts, always refused), these are
 * only hints: the person is warned and confirms before saving, because a place, a school or a service
 * can look like a name. The rules are deliberately simple and explainable; each hint says what it saw.
 */

export type PersonalHintKind = 'navn' | 'adresse' | 'telefon' | 'e-post';

export interface PersonalHint {
  kind: PersonalHintKind;
  /** The words that looked like personal data, as written. */
  found: string;
}

export const personalHintLabels: Record<PersonalHintKind, string> = {
  navn: 'et navn',
  adresse: 'en adresse',
  telefon: 'et telefonnummer',
  'e-post': 'en e-postadresse',
};

/**
 * Common Norwegian first names (after Statistics Norway's lists of the most common names). Names that are
 * also ordinary words at the start of a sentence («Per», «Liv», «Mai», «Sol», «Hans», «Even») are left
 * out: inside a sentence any capitalized word is caught anyway.
 */
const firstNames = new Set(
  `Ada Adrian Aksel Alexander Alma Amalie Andreas Anders Anna Anne Astrid Aurora Bjørn Camilla Christian
  Daniel David Eirik Elias Elin Elise Ella Emil Emilie Emma Erik Espen Filip Frida Geir Hanna Hanne Hedda
  Heidi Helene Henrik Hilde Ida Ingrid Ingvild Isak Jakob Jan Johannes Johanne Jonas Julie Julian Kari
  Karin Karl Kristian Kristine Lars Leah Lene Lucas Lukas Magnus Maja Malin Maria Marius Markus Marte
  Martin Mathias Mats Matheo Mia Mohammad Mohammed Marit Nils Nora Odd Ola Olav Ole Oliver Olivia Oskar
  Patrick Petter Philip Rune Sander Sara Sebastian Selma Sigrid Silje Simen Sindre Siri Sofie Sofia Sondre
  Stian Stine Sverre Synne Thea Theodor Thomas Tobias Tone Tonje Trond Tuva Vetle Vilde Viktor Vilja
  William Yusuf Åse Øystein`.split(/\s+/),
);

/** Names of things, not people, that a case description in this field may well contain. */
const knownProperNouns = new Set(
  `Lånekassen Statped Udir Bufdir Hdir Helsedirektoratet Utdanningsdirektoratet Arbeids Velferdsdirektoratet
  Statsforvalteren Fylkesmannen Vigo Teams Norge Ungdomsgarantien Karrieresenteret Oppfølgingstjenesten
  Samarbeidsutvalget Styringsgruppen Fagopplæringen Elevtjenesten Barnevernet Kommunen Fylkeskommunen`
    .split(/\s+/)
    .map((word) => word.toLocaleLowerCase('nb')),
);

const capitalized = '[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?';
/** A word that ends where letters and digits end (so «Vg3» is not the word «Vg»). */
const word = (pattern: string) => `(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`;

const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Eight digits starting 2–9, in any grouping («912 34 567», «91 23 45 67»), optionally after +47. */
const phonePattern = /(?<!\p{N}|\p{N}[.,])(?:\+47[\s-]?)?[2-9](?:[ -]?\d){7}(?!\p{N}|[.,]\p{N})/gu;
const streetSuffix =
  '(?:veien|vegen|veg|vei|gata|gaten|gate|alle|allé|plass|plassen|stien|sti|bakken|lia|svingen|tunet|ringen|haugen|brekka|jordet|kroken|brygga|torget)';
const streetPatterns = [
  // «Storgata 12», «Fjordveien 3 B»
  new RegExp(word(`[A-ZÆØÅ][a-zæøå-]*${streetSuffix}\\s+\\d{1,4}(?:\\s?[A-Za-z])?`), 'gu'),
  // «Kongens gate 5», «Olav Kyrres plass 2»
  new RegExp(
    word(`${capitalized}(?:\\s${capitalized})?\\s${streetSuffix}\\s+\\d{1,4}(?:\\s?[A-Za-z])?`),
    'gu',
  ),
  // A postcode and a place: «6800 Førde»
  new RegExp(word(`\\d{4}\\s+${capitalized}`), 'gu'),
];
const namePairPattern = new RegExp(word(`${capitalized}(?:\\s+${capitalized})+`), 'gu');
const capitalizedPattern = new RegExp(word(capitalized), 'gu');

/** Where a sentence (or a line, a list item, a quotation) starts, a capital letter says nothing. */
function startsSentence(text: string, index: number): boolean {
  const before = text.slice(0, index).replace(/[\s«"“(\-–•*]+$/u, '');
  return before === '' || /[.!?:;\n]$/.test(before) || /\n\s*$/.test(text.slice(0, index));
}

/**
 * Hints of personal data in `text`. `known` holds words that are not people here (the agreements' party,
 * county and contact names), compared case-insensitively.
 */
export function personalHints(text: string, known: ReadonlySet<string> = new Set()): PersonalHint[] {
  const hints: PersonalHint[] = [];
  const seen = new Set<string>();
  const add = (kind: PersonalHintKind, found: string) => {
    const key = `${kind}:${found}`;
    if (seen.has(key)) return;
    seen.add(key);
    hints.push({ kind, found });
  };
  const isKnown = (name: string) => {
    const lower = name.toLocaleLowerCase('nb');
    return known.has(lower) || knownProperNouns.has(lower);
  };
  for (const match of text.matchAll(emailPattern)) add('e-post', match[0]);
  const withoutEmails = text.replace(emailPattern, ' ');
  for (const match of withoutEmails.matchAll(phonePattern)) add('telefon', match[0].trim());
  const addressed = new Set<number>();
  for (const pattern of streetPatterns) {
    for (const match of withoutEmails.matchAll(pattern)) {
      add('adresse', match[0]);
      addressed.add(match.index);
    }
  }
  for (const match of withoutEmails.matchAll(namePairPattern)) {
    if (addressed.has(match.index)) continue;
    const words = match[0].split(/\s+/);
    // «Fjordvik Videregående» may be a school; a pair is a name when no word of it is known.
    if (words.some(isKnown)) continue;
    if (startsSentence(withoutEmails, match.index) && words.length === 2 && !firstNames.has(words[0] ?? ''))
      continue;
    add('navn', match[0]);
  }
  for (const match of withoutEmails.matchAll(capitalizedPattern)) {
    const name = match[0];
    if (isKnown(name) || hints.some((hint) => hint.found.includes(name))) continue;
    if (firstNames.has(name) || !startsSentence(withoutEmails, match.index)) add('navn', name);
  }
  return hints;
}

/** «Ser ut som et navn: «Ola Hansen».» */
export function describeHint(hint: PersonalHint): string {
  return `Ser ut som ${personalHintLabels[hint.kind]}: «${hint.found}».`;
}

/** The words of names Gjerde knows are not people (party, county and contact names), for `personalHints`. */
export function knownWords(names: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const name of names) {
    for (const part of name.split(/[^\p{L}-]+/u)) if (part) words.add(part.toLocaleLowerCase('nb'));
  }
  return words;
}
