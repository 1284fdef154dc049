/**
 * What a case worker types on a phone for the field's own words: short forms («lærl», «reg hos nav»,
 * «kontaktpers», «SU») and the English loan words of the trade («dropout», «case», «follow-up»). The question
 * is read with the full Norwegian words in their place, so the situation, the intent and the search see what
 * was meant.
 *
 * Why a list of our own: no maintained lexicon links these. The Hunspell dictionaries (lexicon.ts) know
 * neither the short forms nor the loan words, or know them as other words («reg», «su», «veil», «case» are
 * entries there), and a general English–Norwegian dictionary gives «case» a dozen meanings where the field
 * has one. So the list is short and only the field's: each entry a form no agreement writes for anything
 * else (checked against the example and blind agreements: none writes these as words; «kl» is left out,
 * agreements write «kl. 9–15» for the time of day, and «intro», which agreements write themselves).
 * Only whole words are replaced, in any case («SU», «su»).
 */
import { tokenize } from './norwegian.js';

/** Short forms of the field's words → the words. */
const shortForms: Readonly<Record<string, string>> = {
  lærl: 'lærling',
  lærepl: 'læreplass',
  fagbr: 'fagbrev',
  veil: 'veileder',
  reg: 'registrert',
  regist: 'registrert',
  kontaktpers: 'kontaktperson',
  tlf: 'telefon',
  su: 'samarbeidsutvalget',
  u18: 'under 18',
};

/**
 * English loan words of the field → what they mean here. A «dropout» is one who has dropped out; «dropout
 * fare» or «fare for dropout» (at risk) is read apart, below.
 */
const loanWords: Readonly<Record<string, string>> = {
  dropout: 'droppet ut',
  case: 'sak',
  caset: 'saken',
  casen: 'saken',
  'follow-up': 'oppfølging',
  followup: 'oppfølging',
  ownership: 'ansvar',
};

/** Words that make a dropout a risk, right before or after it («fare for dropout», «dropout-fare»). */
const riskWords = new Set(['fare', 'faren', 'risiko', 'risikoen', 'vurderer', 'mulig']);

/** A word and where it ends in the text (letters, digits and inner hyphens). */
const wordPattern = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** The question with the field's short forms and loan words written out (see above). */
export function writtenOut(text: string): string {
  const words = [...text.matchAll(wordPattern)];
  if (!words.some(([word]) => isShortOrLoan(word.toLowerCase()))) return text;
  let result = '';
  let last = 0;
  words.forEach((match, position) => {
    const word = match[0].toLowerCase();
    const full = replacement(word, words, position);
    if (full === undefined) return;
    result += text.slice(last, match.index) + full;
    last = match.index + match[0].length;
  });
  return result + text.slice(last);
}

function isShortOrLoan(word: string): boolean {
  return (
    word in shortForms ||
    word in loanWords ||
    tokenize(word).some((part) => part === 'dropout' || part in shortForms)
  );
}

function replacement(word: string, words: RegExpMatchArray[], position: number): string | undefined {
  const short = shortForms[word];
  if (short !== undefined) return short;
  if (word === 'dropout' || word.startsWith('dropout-') || word.endsWith('-dropout')) {
    const at = (offset: number) => (words[position + offset]?.[0] ?? '').toLowerCase();
    // «fare for dropout»: the risk is said before; «dropout fare», «dropout-fare»: after, so it is said here.
    if (riskWords.has(at(-1)) || riskWords.has(at(-2))) return 'å droppe ut';
    if ([...tokenize(word), at(1)].some((other) => riskWords.has(other))) return 'fare for å droppe ut';
    return 'droppet ut';
  }
  const loan = loanWords[word];
  if (loan !== undefined || !word.includes('-')) return loan;
  // A short form joined to a name («nav-veil»): the part written out.
  const parts = word.split('-');
  return parts.some((part) => part in shortForms)
    ? parts.map((part) => shortForms[part] ?? part).join('-')
    : undefined;
}
