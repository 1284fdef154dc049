import type { ListItem } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString as plainText } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { reportWarning } from './messages.js';
import type { GlossaryEntry } from './types.js';

export const glossaryDirective = 'ordliste';

/** Reads `- **Term** (alias, alias): definition` items of an `:::ordliste` container. */
export function readGlossary(file: VFile, node: ContainerDirective): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  for (const child of node.children) {
    if (child.type !== 'list') continue;
    for (const item of child.children) {
      const entry = readEntry(item);
      if (entry) entries.push(entry);
      else {
        reportWarning(
          file,
          'Ordlisten venter «- **Begrep** (annet navn): forklaring».',
          item.position?.start,
          'glossary',
        );
      }
    }
  }
  return entries;
}

function readEntry(item: ListItem): GlossaryEntry | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const [strong, ...rest] = paragraph.children;
  if (strong?.type !== 'strong') return undefined;
  const term = plainText(strong).trim();
  const tail = rest.map((node) => plainText(node)).join('');
  const match = /^\s*(?:\(([^)]*)\))?\s*:\s*([\s\S]*)$/.exec(tail);
  if (!term || !match) return undefined;
  const aliases = (match[1] ?? '')
    .split(',')
    .map((alias) => alias.trim())
    .filter(Boolean);
  return { term, aliases, definition: (match[2] ?? '').trim() };
}
