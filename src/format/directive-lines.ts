import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { attributesFrom, continuedValue, linesOf, quoteAdvice, writtenAttributes } from './attributes.js';
import { clauseDirective } from './clauses.js';
import { meantParty } from './consistency.js';
import { meantDirective, missingBlock, resembledDirective } from './directive-names.js';
import { reportError, reportWarning } from './messages.js';

/** A line that starts as a block marker does: colons (any number, spaces after them), then a name. */
const markerLine = /^ {0,3}(:+)([ \t]*)([A-Za-z][A-Za-z0-9_-]*)/;

/** The attributes that name parties: a misspelt one there gives the clause to nobody. */
const partyAttributes = ['ansvarlig', 'bistand', 'kostnad'];

const colonCounts = ['', 'ett', 'to'];

/**
 * A line that opens a block (`:::ansvar[…]{…}`) but that remark could not read as one becomes ordinary
 * text: the clause would silently be missing from the agreement, and saving would rewrite the line as text
 * (`:\:ansvar\[…`). So is a near miss of one (`::ansvar`, `::: ansvar`, `:::ansvar[Tittel{…`): every line
 * that starts like a clause or glossary marker and was not read as one is an error, which says what is
 * wrong with it (an unquoted value with spaces, the usual cause, with the fix). A line that opens a block
 * Gjerde does not know (`:::merknad`) is a warning.
 */
export function checkUnreadDirectives(tree: Root, file: VFile, parties: readonly string[]): void {
  const read = new Set<number>();
  const closed = new Set<number>();
  const code: Array<[number, number]> = [];
  visit(tree, (node) => {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) return;
    if (node.type === 'containerDirective') closed.add(end);
    if (node.type === 'containerDirective' && node.name === clauseDirective) reportNestedBlocks(file, node);
    // A leaf block (`::ansvar[…]{…}`) is read, but not as the clause it looks like: reported here.
    if (
      node.type === 'containerDirective' ||
      (node.type === 'leafDirective' && !resembledDirective(node.name))
    )
      read.add(start);
    else if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') code.push([start, end]);
  });
  // An opening line that could not be read leaves its closing `:::` closing nothing: that line is said once.
  let unreadOpening = false;
  for (const { text, line } of linesOf(file)) {
    const inCode = () => code.some(([from, to]) => line >= from && line <= to);
    if (closingFence.test(text) && !closed.has(line) && !inCode()) {
      if (!unreadOpening) reportOrphanFence(file, text, line);
      unreadOpening = false;
    }
    const marker = markerLine.exec(text);
    if (!marker || read.has(line) || inCode()) continue;
    unreadOpening = true;
    const [opening, colons = '', gap, name = ''] = marker;
    const place = { line, column: text.indexOf(':') + 1 };
    const known = resembledDirective(name);
    const written = colons.length >= 3 && gap === '';
    if (!known) {
      if (written)
        reportWarning(file, `Linjen «:::${name}» kan ikke leses som en blokk.`, place, 'unknown-directive');
      continue;
    }
    const rest = openingProblems(text, opening.length, parties);
    const problems = [...markerProblems(colons, gap ?? '', name, known), ...rest];
    const meant = meantDirective(name);
    if (meant && written && rest.length === 0) {
      reportError(
        file,
        `Linjen «:::${name}» kan ikke leses som en blokk. Mente du «:::${meant}»? ${missingBlock}`,
        place,
        'unknown-directive',
      );
    } else if (problems.length > 0) {
      const kind = known === clauseDirective ? 'et ansvarspunkt' : 'en ordliste';
      reportError(
        file,
        `Dette ser ut som ${kind}, men kan ikke leses: ${problems.join('; ')}. ${missingBlock}`,
        place,
        'clause-marker',
      );
    } else {
      const attributes = writtenAttributes(text);
      const continued = attributes.map((_, index) => continuedValue(attributes, index)).find(Boolean);
      reportError(
        file,
        continued
          ? quoteAdvice(continued.attribute.name, continued.meant)
          : `Linjen kan ikke leses som starten på en «:::${name}»-blokk, så blokken mangler i avtalen. Skriv den som :::ansvar[Tittel]{#id ansvarlig=part}, med verdier som har mellomrom i anførselstegn.`,
        continued ? { line, column: continued.attribute.start + 1 } : place,
        'clause-attribute',
      );
    }
  }
}

/** A line that closes a block: colons alone. */
const closingFence = /^ {0,3}:{3,}[ \t]*$/;

/**
 * A `:::` that closes no block (the clause above was closed already, or its opening line was deleted) is read as
 * a line of text, «:::» shown in the agreement; more often it is what is left of a clause whose opening line
 * is gone, so the clause is missing.
 */
function reportOrphanFence(file: VFile, text: string, line: number): void {
  reportError(
    file,
    'Her står «:::», som avslutter et ansvarspunkt eller en ordliste, men ingen blokk er åpen her. Fjern linjen, eller skriv starten på blokken over teksten den avslutter (:::ansvar[Tittel]{#id ansvarlig=part}).',
    { line, column: text.indexOf(':') + 1 },
    'clause-marker',
  );
}

/**
 * A clause whose closing `:::` is missing takes in the blocks after it: their text would be the clause's text
 * too. A block inside a clause is so reported at its own line.
 */
function reportNestedBlocks(file: VFile, clause: ContainerDirective): void {
  visit(clause, 'containerDirective', (inner) => {
    if (inner === clause || !resembledDirective(inner.name)) return;
    reportError(
      file,
      `Et nytt ansvarspunkt eller en ordliste begynner inne i ansvarspunktet «${clause.attributes?.id ?? ''}» (linje ${clause.position?.start.line}): det mangler «:::» på en egen linje til slutt, så teksten til punktene blandes sammen.`,
      inner.position?.start,
      'clause-marker',
    );
  });
}

/** What is wrong with the marker itself: the colons, a space after them, the name. */
function markerProblems(colons: string, gap: string, name: string, known: string): string[] {
  const problems: string[] = [];
  if (colons.length < 3)
    problems.push(`det står ${colonCounts[colons.length]} kolon foran «${name}», ikke tre («:::${known}»)`);
  if (gap !== '') problems.push(`det står mellomrom mellom kolonene og «${name}»`);
  if (name !== known) problems.push(`«${name}» skal være «${known}»`);
  return problems;
}

/**
 * What is wrong with the rest of the opening line, from `after` (just after the name): a title without its
 * `]`, attributes without their `{` or `}`, a quote not closed, a party the agreement does not have.
 */
function openingProblems(text: string, after: number, parties: readonly string[]): string[] {
  const problems: string[] = [];
  let position = after;
  if (text[position] === '[') {
    const end = labelEnd(text, position);
    if (end === undefined) problems.push('tittelen mangler «]»');
    position = end === undefined ? text.lastIndexOf('{') : end + 1;
  }
  const rest = text.slice(Math.max(position, after)).trimEnd();
  if (rest === '') return problems;
  const braceAt = rest.startsWith('{') ? position : text.indexOf('{', position);
  if (!rest.startsWith('{'))
    problems.push('egenskapene skal stå rett etter tittelen, i klammeparenteser («{#id ansvarlig=part}»)');
  else if (!rest.endsWith('}')) problems.push('egenskapene mangler «}» til slutt');
  if (braceAt < 0) return problems;
  const attributeText = text.slice(braceAt + 1);
  if ((attributeText.match(/"/g)?.length ?? 0) % 2 === 1)
    problems.push('et anførselstegn («"») er ikke lukket');
  if (parties.length === 0) return problems;
  for (const attribute of attributesFrom(text, braceAt + 1)) {
    if (!attribute.assigned || !partyAttributes.includes(attribute.name)) continue;
    for (const word of attribute.value.split(/\s+/)) {
      const party = word.replace(/:\d*$/, '');
      if (party === '' || parties.includes(party)) continue;
      const near = meantParty(parties, party);
      problems.push(
        `«${party}» i «${attribute.name}» er ingen av avtalens parter${near ? ` (mente du «${near}»?)` : ''}`,
      );
    }
  }
  return problems;
}

/** Where the `]` that closes the label opened at `start` is, or undefined when the line does not close it. */
function labelEnd(text: string, start: number): number | undefined {
  let depth = 0;
  for (let position = start; position < text.length; position += 1) {
    const character = text[position];
    if (character === '\\') position += 1;
    else if (character === '[') depth += 1;
    else if (character === ']' && --depth === 0) return position;
  }
  return undefined;
}
