import type { Root } from 'mdast';
import { beyondLimits } from './limits.js';
import { readableBlocks } from './plain-blocks.js';
import { createProcessor } from './processor.js';

const parser = createProcessor();

/**
 * Markdown as a reader sees it, without its syntax: paragraphs apart by a blank line, list items on lines
 * of their own («• », «1. »), table cells apart by « | ». What a redline of the text as it reads compares.
 */
export function readableText(markdown: string): string {
  return plainParagraphs(markdown) ?? parsedReadableText(markdown);
}

/** The same, always through the parser. */
export function parsedReadableText(markdown: string): string {
  // Text beyond the parser's limits (a version committed outside Gjerde) is compared as it is written.
  if (beyondLimits(markdown)) return markdown.trim();
  return readableBlocks((parser.parse(markdown) as Root).children).trim();
}

/** Characters that may be Markdown inline syntax, a character reference or a directive (`:name`). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the parser replaces NUL, so a NUL is not plain
const maybeSyntax = /[*_`[\]<>\\&~|\u0000]|:[A-Za-z:]/;
/** Line starts that open a block other than a paragraph (list, heading, quote, setext line, fence, table, HTML). */
const blockStart = /^(?:[-+*>#=|<`~:]|\d{1,9}[.)])/;

/**
 * The same text without the parser when the Markdown is only paragraphs of plain words, as most clauses
 * and sections are (a compare of two versions reads some fifty of them; the parser takes ≈1 ms each):
 * every line starts and ends with a visible character that opens no block, and nothing in it can be
 * inline syntax. Anything else is undefined, for the parser.
 */
function plainParagraphs(markdown: string): string | undefined {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line === '') {
      if (lines.length > 0) paragraphs.push(lines.join(' '));
      lines = [];
      continue;
    }
    if (/^\s|\s$/.test(line) || blockStart.test(line) || maybeSyntax.test(line)) return undefined;
    lines.push(line);
  }
  if (lines.length > 0) paragraphs.push(lines.join(' '));
  return paragraphs.map((paragraph) => paragraph.replace(/\s+/g, ' ')).join('\n\n');
}
