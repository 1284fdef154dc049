import leven from 'leven';
import type { ContainerDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { clauseDirective } from './clauses.js';
import { glossaryDirective } from './glossary.js';
import { reportError, reportWarning } from './messages.js';

/** The blocks Gjerde reads; any other block is shown as ordinary text. */
const knownDirectives = [clauseDirective, glossaryDirective];

/** Said of a block whose name is misspelt: what it holds is not in the agreement. */
export const missingBlock = 'Slik den er skrevet, er blokken ikke med i avtalen.';

/**
 * The block a misspelt name was meant as (`:::ansvr`, `:::Ansvar`, `:::ordlsite`, `:::ansvarspunkt`: any case,
 * at most two letters added, missing or changed, or more letters after it), or undefined. Such a block is
 * missing from the agreement as written, which is an error; an unknown block far from both (`:::merknad`) is
 * only a warning.
 */
export function meantDirective(name: string): string | undefined {
  return knownDirectives.includes(name) ? undefined : resembledDirective(name);
}

/** The block a name is, or looks like (as `meantDirective`, and the known names themselves). */
export function resembledDirective(name: string): string | undefined {
  const lower = name.toLowerCase();
  return knownDirectives.find(
    (known) => lower === known || lower.startsWith(known) || leven(lower, known) <= 2,
  );
}

/** A block remark read whose name Gjerde does not know: an error when it looks misspelt, else a warning. */
export function reportUnknownDirective(file: VFile, node: ContainerDirective): void {
  const meant = meantDirective(node.name);
  if (meant)
    reportError(
      file,
      `Ukjent blokk «:::${node.name}». Mente du «:::${meant}»? ${missingBlock}`,
      node.position?.start,
      'unknown-directive',
    );
  else
    reportWarning(
      file,
      `Ukjent blokk «:::${node.name}». Gjerde kjenner :::ansvar og :::ordliste.`,
      node.position?.start,
      'unknown-directive',
    );
}
