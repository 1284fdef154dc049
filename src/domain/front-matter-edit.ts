import { type Document, isMap, parseDocument, type YAMLMap } from 'yaml';
import { frontMatterPattern } from '../format/front-matter.js';
import type { Signatory } from '../format/types.js';

/**
 * Changes to the front matter that the lifecycle makes (status, signatories), made through the YAML
 * document so that every other line, comment and quoting stays exactly as written.
 */

export function editFrontMatter(markdown: string, edit: (document: Document) => void): string {
  const match = frontMatterPattern.exec(markdown);
  if (!match) throw new Error('The agreement has no front matter to edit.');
  const document = parseDocument(match[1] ?? '');
  if (document.errors.length > 0 || !isMap(document.contents))
    throw new Error('The front matter is not a YAML map.');
  edit(document);
  const yaml = document.toString({ lineWidth: 0 });
  const lineEnd = /\r?\n$/.exec(match[0])?.[0] ?? '';
  return `---\n${yaml}---${lineEnd}${markdown.slice(match[0].length)}`;
}

export function setStatus(document: Document, status: string): void {
  document.set('status', status);
}

export function removeSignatories(document: Document): void {
  document.delete('signatarer');
}

/** Writes `signatarer` (after `parter`, where the format's example has it), replacing any earlier list. */
export function setSignatories(document: Document, signatories: Signatory[]): void {
  const value = document.createNode(
    signatories.map((signatory) => {
      const item: Record<string, string> = {
        navn: signatory.name,
        rolle: signatory.role,
        part: signatory.party,
      };
      if (signatory.date) item.dato = signatory.date;
      return item;
    }),
  );
  if (document.has('signatarer')) {
    document.set('signatarer', value);
    return;
  }
  const map = document.contents as YAMLMap;
  const pair = document.createPair('signatarer', value);
  const after = map.items.findIndex((item) => (item.key as { value?: unknown } | null)?.value === 'parter');
  if (after < 0) map.items.push(pair);
  else map.items.splice(after + 1, 0, pair);
}
