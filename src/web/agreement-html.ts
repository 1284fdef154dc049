import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import type { Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { clauseDirective } from '../format/clauses.js';
import { glossaryDirective } from '../format/glossary.js';
import { createProcessor } from '../format/processor.js';
import type { Agreement, Clause } from '../format/types.js';
import { situationFacets } from '../format/vocabulary.js';
import { describeAges, partyName } from '../format/wording.js';

/**
 * Agreement Markdown → safe HTML. Raw HTML in the Markdown is dropped, and rehype-sanitize removes
 * scripts, event handlers and `javascript:` URLs. Clause headers are added only after sanitizing,
 * from the parsed clause data, so their ids and markup are Gjerde's own and never the author's.
 */
const toHtml = unified()
  .use(remarkRehype)
  .use(rehypeSanitize, {
    ...defaultSchema,
    tagNames: [...(defaultSchema.tagNames ?? []), 'section', 'aside'],
    attributes: { ...defaultSchema.attributes, section: ['dataClause'], aside: ['dataGlossary'] },
  })
  .use(rehypeClauseHeaders)
  .use(rehypeStringify);

const parser = createProcessor();

/** A line under a clause on the agreement page: a committee decision about it, or a link to raise a case. */
export interface ClauseNote {
  text?: string;
  link: { href: string; text: string };
}

interface ClauseData {
  agreement: Agreement;
  notes?: (clause: Clause) => ClauseNote[];
}

export function agreementToHtml(
  markdown: string,
  agreement: Agreement,
  options: { clauseNotes?: (clause: Clause) => ClauseNote[] } = {},
): string {
  const file = parser.parse(markdown) as Root;
  markDirectives(file, markdown);
  const data: ClauseData = options.clauseNotes ? { agreement, notes: options.clauseNotes } : { agreement };
  const hast = toHtml.runSync(file as never, { data } as unknown as VFile) as HastRoot;
  return toHtml.stringify(hast);
}

/** Gives the directives HTML element names; other directives go back to the text they were written as. */
function markDirectives(tree: Root, source: string): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'yaml' && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type === 'containerDirective') {
      if (node.name === clauseDirective) {
        const [first, ...rest] = node.children;
        if (first?.type === 'paragraph' && first.data?.directiveLabel) node.children = rest;
        node.data = { hName: 'section', hProperties: { dataClause: String(node.attributes?.id ?? '') } };
      } else if (node.name === glossaryDirective) {
        node.data = { hName: 'aside', hProperties: { dataGlossary: '' } };
      } else node.data = { hName: 'div' };
      return undefined;
    }
    if ((node.type === 'textDirective' || node.type === 'leafDirective') && parent && index !== undefined) {
      const text = source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
      parent.children.splice(index, 1, { type: 'text', value: text } as never);
    }
    return undefined;
  });
}

function rehypeClauseHeaders() {
  return (tree: HastRoot, file: VFile) => {
    const { agreement, notes } = file.data as unknown as ClauseData;
    const clauses = new Map(agreement.clauses.map((clause) => [clause.id, clause]));
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'aside' && node.properties.dataGlossary !== undefined) {
        delete node.properties.dataGlossary;
        node.properties.className = ['glossary'];
        return;
      }
      if (node.tagName !== 'section' || node.properties.dataClause === undefined) return;
      const clause = clauses.get(String(node.properties.dataClause));
      delete node.properties.dataClause;
      if (!clause) return;
      node.properties.id = clause.id;
      node.properties.className = ['clause', clause.status === 'grey' ? 'clause--grey' : 'clause--settled'];
      node.properties.ariaLabelledBy = [`${clause.id}-title`];
      node.children = [
        clauseHeader(clause, agreement),
        h('div.clause__body', node.children as ElementContent[]),
        ...(notes?.(clause) ?? []).map((note) =>
          h('p.clause__note', [
            note.text ? `${note.text} ` : '',
            h('a.ds-link', { href: note.link.href }, note.link.text),
          ]),
        ),
      ];
    });
  };
}

function clauseHeader(clause: Clause, agreement: Agreement): Element {
  const facts: ElementContent[] = [];
  const fact = (label: string, value: string | undefined) => {
    if (value) facts.push(h('dt', label), h('dd', value));
  };
  fact('Gjelder', describeSituation(clause));
  fact('Bistår', clause.supporting.map((party) => partyName(agreement, party)).join(', ') || undefined);
  fact('Kostnad', clause.costBearer && partyName(agreement, clause.costBearer));
  fact('Hjemmel', clause.legalBasis);
  const contact = agreement.meta.contacts.find((candidate) => candidate.id === clause.contact);
  fact('Kontakt', contact && `${contact.role} (${partyName(agreement, contact.party)})`);
  if (clause.status === 'settled') fact('Ved uenighet', clause.escalation);

  const verdict =
    clause.status === 'grey'
      ? h('p.clause__owner.clause__owner--grey', [
          h('span.ds-tag', { dataColor: 'warning' }, 'Uavklart'),
          ` Ta saken til: ${clause.escalation ?? agreement.meta.escalation ?? 'ikke oppgitt'}`,
        ])
      : h('p.clause__owner', [
          h('span.clause__owner-label', 'Ansvarlig: '),
          h('strong', partyName(agreement, clause.owner ?? '')),
        ]);
  return h('header.clause__header', [
    h('h4.clause__title', { id: `${clause.id}-title` }, [
      clause.title,
      ' ',
      h('a.clause__permalink', { href: `#${clause.id}`, ariaLabel: `Lenke til «${clause.title}»` }, '#'),
    ]),
    verdict,
    facts.length > 0 ? h('dl.clause__facts', facts) : h('span'),
  ]);
}

export function describeSituation(clause: Clause): string | undefined {
  const parts = [describeAges(clause.ages), ...clause.facets.map(facetLabel)].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function facetLabel(facet: string): string {
  return situationFacets[facet] ?? facet;
}
