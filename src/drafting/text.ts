/** Plain-text measures shared by the checks and the previews: words, sentences, reading time, positions. */

const wordPattern = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** Words as a reader counts them: «NAV-kontoret» and «9-4» are one word each; punctuation is none. */
export function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(wordPattern)) count += 1;
  return count;
}

/** Words a minute for careful reading of a formal text in Norwegian. */
const wordsPerMinute = 200;

export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / wordsPerMinute));
}

/** Markdown markup that is not words: emphasis marks, link targets, code ticks. */
export function stripInlineMarkup(text: string): string {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[*_`[\]]/g, '')
    .replace(/\s+/g, ' ');
}

/** Abbreviations whose full stop does not end a sentence. */
const abbreviations = new Set([
  'f.eks',
  'eks',
  'bl.a',
  'ca',
  'jf',
  'jfr',
  'nr',
  'pkt',
  'kap',
  'mv',
  'm.v',
  'o.l',
  'dvs',
  'evt',
  'ev',
  'mfl',
  'm.fl',
  'osv',
  'inkl',
  'kl',
  'ref',
  'tlf',
  'vgs',
  'st',
]);

export interface Sentence {
  text: string;
  /** Offset of the first character in the text that was split. */
  offset: number;
}

/**
 * Splits text into sentences at «.», «!» or «?» followed by space and a capital letter, digit or quote,
 * except after an abbreviation («f.eks. NAV») or an ordinal number («1. Skolen»).
 * Line breaks that separate list items also end a sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) sentences.push({ text: trimmed, offset: start + lead });
  };
  const boundary = /([.!?])(\s+)(?=[«"“(]?[\p{Lu}\p{N}])|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)/gu;
  for (const match of text.matchAll(boundary)) {
    const at = match.index ?? 0;
    if (match[1] === '.') {
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, at - 12), at))?.[1]?.toLowerCase() ?? '';
      if (abbreviations.has(before.replace(/^\./, ''))) continue;
      // An ordinal («1. Skolen», «3. Ledermøtet» in a numbered sentence) is not the end of a sentence.
      if (/(?:^|[\s(])\d{1,2}$/.test(text.slice(Math.max(0, at - 4), at))) continue;
    }
    const end = at + (match[1] ? 1 : 0);
    push(end);
    start = at + match[0].length;
  }
  push(text.length);
  return sentences;
}

/** Line and column (1-based) of offsets in one text. */
export class Locator {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index += 1) {
      if (text.charCodeAt(index) === 10) this.lineStarts.push(index + 1);
    }
  }

  point(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }
}
