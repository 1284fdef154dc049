import type { Root, Yaml } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { clauseDirective, readClause } from './clauses.js';
import { checkConsistency } from './consistency.js';
import { checkUnreadDirectives } from './directive-lines.js';
import { reportUnknownDirective, resembledDirective } from './directive-names.js';
import { readFrontMatter } from './front-matter.js';
import { glossaryDirective, readGlossary } from './glossary.js';
import { reportWarning } from './messages.js';
import { checkInvisibleCharacters, checkSafety } from './safety.js';
import { readServedPlaces } from './served-places.js';
import { checkStatusWording } from './status-wording.js';
import type { Agreement } from './types.js';

declare module 'vfile' {
  interface DataMap {
    agreement: Agreement;
  }
}

/**
 * Gives the syntax remark parsed (front matter, `:::ansvar`, `:::ordliste`) its meaning as an agreement.
 * The result lands in `file.data.agreement`; problems land in `file.messages` with line and column.
 */
const remarkAgreement: Plugin<[], Root> = () => (tree: Root, file: VFile) => {
  const frontMatter = tree.children.find((node): node is Yaml => node.type === 'yaml');
  const agreement: Agreement = { meta: readFrontMatter(file, frontMatter), clauses: [], glossary: [] };
  visit(tree, (node) => {
    if (node.type === 'containerDirective') {
      if (node.name === clauseDirective) agreement.clauses.push(readClause(file, node));
      else if (node.name === glossaryDirective) agreement.glossary.push(...readGlossary(file, node));
      else reportUnknownDirective(file, node);
    } else if (node.type === 'leafDirective' && !resembledDirective(node.name)) {
      // One that looks like a clause or glossary (`::ansvar[…]{…}`) is an error, said by checkUnreadDirectives.
      reportWarning(file, `Ukjent blokk «::${node.name}».`, node.position?.start, 'unknown-directive');
    }
  });
  if (agreement.meta.kind === 'lokal') {
    const served = readServedPlaces(tree);
    if (served.length > 0) agreement.meta.served = served;
  }
  checkConsistency(file, agreement);
  checkStatusWording(file, agreement);
  checkUnreadDirectives(
    tree,
    file,
    agreement.meta.parties.map((party) => party.id),
  );
  checkSafety(tree, file);
  checkInvisibleCharacters(file);
  file.data.agreement = agreement;
};

export default remarkAgreement;
