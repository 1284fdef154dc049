import { clauseDirective } from '../clauses.js';
import { frontMatterPattern } from '../front-matter.js';
import { parseAgreement } from '../processor.js';
import type { Clause } from '../types.js';
import { readPlainClause } from './version.js';

/**
 * One clause out of an agreement file without parsing the whole file: a clause's history reads every
 * revision, and a full parse of each costs some hundred times more than finding the clause's
 * `:::ansvar` block by its lines. The scan only answers when the answer is certain; otherwise it says
 * "unsure" and the caller parses the whole file. Certain means:
 *
 * - absent: the id does not occur anywhere in the file;
 * - present: exactly one `:::ansvar` opening line at the start of a line carries the id, no code fence,
 *   HTML line comes before it, nothing inside it starts with `:` (a nested container), and its closing
 *   fence is found.
 *
 * The block found is then read as the reader of whole versions reads a clause block (`readPlainClause`),
 * or, when it is not plain, parsed on its own by the format's parser: the clause's meaning always comes
 * from the format's one clause reader.
 */
export type ClauseScan = { found: 'absent' } | { found: 'present'; block: string } | { found: 'unsure' };

const openingPattern = new RegExp(`^(:{3,})${clauseDirective}(?=[[{\\s]|$)`);
const attributesPattern = /\{([^{}]*)\}\s*$/;

function idOf(attributes: string): string | undefined {
  const shorthand = /(?:^|\s)#([a-z0-9-]+)(?=\s|$)/.exec(attributes);
  if (shorthand) return shorthand[1];
  return /(?:^|\s)id=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/
    .exec(attributes)
    ?.slice(1)
    .find((value) => value !== undefined);
}

export function scanClause(markdown: string, clauseId: string): ClauseScan {
  if (!markdown.includes(clauseId)) return { found: 'absent' };
  const frontMatter = frontMatterPattern.exec(markdown)?.[0] ?? '';
  const lines = markdown.slice(frontMatter.length).split('\n');
  let start = -1;
  let colons = 0;
  for (const [index, line] of lines.entries()) {
    if (start < 0 && (/^ {0,3}(`{3,}|~{3,})/.test(line) || /^ {0,3}</.test(line))) return { found: 'unsure' };
    const opening = openingPattern.exec(line);
    if (!opening) continue;
    // Character references could spell the id in a way the scan does not read.
    if (line.includes('&')) return { found: 'unsure' };
    const attributes = attributesPattern.exec(line)?.[1];
    if (attributes === undefined || idOf(attributes) !== clauseId) continue;
    if (start >= 0) return { found: 'unsure' };
    start = index;
    colons = (opening[1] as string).length;
  }
  if (start < 0) return { found: 'unsure' };
  const closing = new RegExp(`^:{${colons},}\\s*$`);
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (closing.test(line))
      return { found: 'present', block: `${lines.slice(start, index + 1).join('\n')}\n` };
    if (/^\s*:/.test(line) || /^ {0,3}(`{3,}|~{3,})/.test(line) || /^ {0,3}</.test(line))
      return { found: 'unsure' };
  }
  return { found: 'unsure' };
}

const blockCacheLimit = 2000;
const parsedBlocks = new Map<string, Clause | null>();

/** One clause block read on its own; blocks repeat across revisions, so cached. */
export function parseClauseBlock(block: string, clauseId: string): Clause | undefined {
  const key = `${clauseId}\n${block}`;
  let clause = parsedBlocks.get(key);
  if (clause === undefined) {
    const plain = readPlainClause(block, 1);
    clause =
      (plain?.id === clauseId ? plain : undefined) ??
      parseAgreement(block).agreement.clauses.find((candidate) => candidate.id === clauseId) ??
      null;
    parsedBlocks.set(key, clause);
    if (parsedBlocks.size > blockCacheLimit) parsedBlocks.delete(parsedBlocks.keys().next().value as string);
  }
  return clause ?? undefined;
}

/**
 * The clause with `clauseId` in an agreement file, undefined when the file has none. `parseWhole` gives the
 * whole file's clauses when the scan is unsure (a caller with a cache of parsed versions passes its own).
 */
export async function readClause(
  markdown: string,
  clauseId: string,
  parseWhole: () => Clause[] | Promise<Clause[]> = () => parseAgreement(markdown).agreement.clauses,
): Promise<Clause | undefined> {
  const scan = scanClause(markdown, clauseId);
  if (scan.found === 'absent') return undefined;
  if (scan.found === 'present') {
    const clause = parseClauseBlock(scan.block, clauseId);
    if (clause) return clause;
  }
  return (await parseWhole()).find((candidate) => candidate.id === clauseId);
}

/** The clause ids and titles of a file, in order, from its opening lines (for lists of links, not for meaning). */
export function listClauseIds(markdown: string): Array<{ id: string; title: string }> {
  const clauses: Array<{ id: string; title: string }> = [];
  for (const line of markdown.split('\n')) {
    if (!openingPattern.test(line)) continue;
    const id = idOf(attributesPattern.exec(line)?.[1] ?? '');
    if (!id) continue;
    const title = /\[([^\]]*)\]/.exec(line)?.[1]?.trim() ?? id;
    clauses.push({ id, title });
  }
  return clauses;
}
