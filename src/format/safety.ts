import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { findInvisibleCharacter, invisibleCharacterMessage } from './input.js';
import { reportError } from './messages.js';

const scheme = /^\s*([a-z][a-z0-9+.-]*):/i;
const allowedSchemes = new Set(['http', 'https', 'mailto']);

/** A URL with a scheme must be web or mail; one without is a link within Gjerde. */
function isSafeUrl(url: string): boolean {
  const match = scheme.exec(url);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  return match ? allowedSchemes.has((match[1] ?? '').toLowerCase()) : !/[\u0000-\u001f]/.test(url);
}

const htmlTag = /<\/?[a-z!?][^>]*>/i;
const scriptUrl = /\b(javascript|vbscript|data)\s*:/i;

/** Raw HTML or a script URL in a metadata value (the front matter is text, like the rest). */
export function isUnsafeText(value: string): boolean {
  return htmlTag.test(value) || scriptUrl.test(value);
}

/**
 * An agreement is text: raw HTML and script URLs have no place in it. Pages sanitize anyway;
 * refusing them here keeps them out of the repository, where other tools may render them.
 */
export function checkSafety(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (node.type === 'html') {
      reportError(
        file,
        'HTML er ikke tillatt i en avtale. Bruk vanlig Markdown.',
        node.position?.start,
        'unsafe-content',
      );
    } else if (
      (node.type === 'containerDirective' ||
        node.type === 'leafDirective' ||
        node.type === 'textDirective') &&
      Object.values(node.attributes ?? {}).some((value) => typeof value === 'string' && isUnsafeText(value))
    ) {
      reportError(
        file,
        'HTML og skriptlenker er ikke tillatt i feltene til et punkt. Bruk vanlig tekst.',
        node.position?.start,
        'unsafe-content',
      );
    } else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      const url = node.url.trim();
      if (!isSafeUrl(url)) {
        reportError(
          file,
          `Lenken «${url.slice(0, 80)}» er ikke tillatt. Bruk https:, mailto: eller en lenke i Gjerde.`,
          node.position?.start,
          'unsafe-content',
        );
      }
    }
  });
}

/** At most this many invisible characters are reported, one message each. */
const invisibleReported = 10;

/**
 * Invisible characters anywhere in the file (front matter, titles, text): what a reader sees must be what
 * the file says. Each is reported where it is. A byte-order mark at the very start is not text (the parser
 * skips it, and saving drops it).
 */
export function checkInvisibleCharacters(file: VFile): void {
  const text = String(file.value);
  let from = text.startsWith('\ufeff') ? 1 : 0;
  for (let reported = 0; reported < invisibleReported; reported += 1) {
    const found = findInvisibleCharacter(text.slice(from));
    if (!found) return;
    const index = from + found.index;
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const column = index - before.lastIndexOf('\n');
    reportError(file, invisibleCharacterMessage(found), { line, column }, 'invisible-character');
    from = index + 1;
  }
}
