import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { continuedValue, linesOf, quoteAdvice, writtenAttributes } from './attributes.js';
import { clauseDirective } from './clauses.js';
import { meantDirective, missingBlock } from './directive-names.js';
import { glossaryDirective } from './glossary.js';
import { reportError, reportWarning } from './messages.js';

const openingLine = /^ {0,3}:{3,}([A-Za-z][A-Za-z0-9_-]*)/;

/**
 * A line that opens a block (`:::ansvar[…]{…}`) but that remark could not read as one becomes ordinary
 * text: the clause would silently be missing from the agreement. Such lines are reported; an unquoted
 * value with spaces, the usual cause, with the fix.
 */
export function checkUnreadDirectives(tree: Root, file: VFile): void {
  const read = new Set<number>();
  const code: Array<[number, number]> = [];
  visit(tree, (node) => {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) return;
    if (node.type === 'containerDirective' || node.type === 'leafDirective') read.add(start);
    else if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') code.push([start, end]);
  });
  for (const { text, line } of linesOf(file)) {
    const name = openingLine.exec(text)?.[1];
    if (name === undefined || read.has(line) || code.some(([from, to]) => line >= from && line <= to))
      continue;
    const written = writtenAttributes(text);
    const continued = written.map((_, index) => continuedValue(written, index)).find(Boolean);
    const place = { line, column: (continued?.attribute.start ?? text.indexOf(':')) + 1 };
    const meant = meantDirective(name);
    if (meant) {
      reportError(
        file,
        `Linjen «:::${name}» kan ikke leses som en blokk. Mente du «:::${meant}»? ${missingBlock}`,
        { line, column: text.indexOf(':') + 1 },
        'unknown-directive',
      );
    } else if (name !== clauseDirective && name !== glossaryDirective) {
      reportWarning(file, `Linjen «:::${name}» kan ikke leses som en blokk.`, place, 'unknown-directive');
    } else if (continued) {
      reportError(file, quoteAdvice(continued.attribute.name, continued.meant), place, 'clause-attribute');
    } else {
      reportError(
        file,
        `Linjen kan ikke leses som starten på en «:::${name}»-blokk, så blokken mangler i avtalen. Skriv den som :::ansvar[Tittel]{#id ansvarlig=part}, med verdier som har mellomrom i anførselstegn.`,
        place,
        'clause-attribute',
      );
    }
  }
}
